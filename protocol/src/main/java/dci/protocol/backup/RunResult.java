package dci.protocol.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The result of a backup run ({@link BackupJob#result}): the new archive (null: nothing changed) and warnings. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunResult(ArchiveInfo archive, List<String> warnings) {}
