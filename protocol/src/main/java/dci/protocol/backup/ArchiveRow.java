package dci.protocol.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * One archive in the reply of {@code GET /api/backup/archives} (an array, oldest first), with the
 * peers holding it. {@code parent} is the text {@code "null"} for the first archive (as it always was).
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArchiveRow(String id, String blade, Instant time, String parent, String method, int files, long bytes,
    long newBytes, int deleted, List<String> heldBy) {}
