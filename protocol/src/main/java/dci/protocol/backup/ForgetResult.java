package dci.protocol.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The result of an aging pass ({@link BackupJob#result}): archives kept and forgotten, chunks freed. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record ForgetResult(String source, List<String> kept, List<String> forgotten, long chunksRemoved,
    long bytesFreed, boolean dryRun) {}
