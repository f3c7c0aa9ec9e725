package dci.protocol.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** Reply of {@code GET /api/backup/archives/ID}: the archive, the peers holding it, and its files. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArchiveContents(ArchiveInfo archive, List<String> heldBy, List<File> files) {

  /** One file entry: a deleted one records a deletion. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record File(String path, long size, Instant modified, boolean deleted) {}
}
