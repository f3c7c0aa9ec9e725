package dci.protocol.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The result of a restore ({@link BackupJob#result}): what was restored where, and problems recovered from. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestoreResult(String source, String upto, List<String> archives, String target, int files, long bytes,
    List<String> problems) {}
