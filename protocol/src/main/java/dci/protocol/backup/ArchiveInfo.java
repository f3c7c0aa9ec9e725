package dci.protocol.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * One archive of a blade's backup as the peers' catalogs hold it: {@code parent} null for the
 * first, {@code peers} the blades it was stored on, {@code skipped} files left out because they
 * kept changing, {@code revision} raised each time aging folds forgotten archives into it.
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArchiveInfo(String id, String blade, Instant time, String parent, String method, int files,
    long bytes, long newBytes, int deleted, List<String> peers, List<String> skipped, int revision) {}
