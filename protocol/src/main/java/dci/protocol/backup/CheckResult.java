package dci.protocol.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The result of a check ({@link BackupJob#result}): ok, and what each peer holds, misses or holds corrupt. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckResult(String source, boolean readData, int archives, boolean ok, List<Peer> peers) {

  /** One peer's answer ({@code error}: it could not be asked). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Peer(String blade, int archives, int chunks, List<String> missingArchives,
      List<String> missingChunks, List<String> corruptChunks, String error) {}
}
