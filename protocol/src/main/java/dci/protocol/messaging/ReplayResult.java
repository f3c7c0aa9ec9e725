package dci.protocol.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Reply of {@code POST /api/replay}: each envelope sent again, in the order asked for. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReplayResult(List<ReplayRun> replayed) {
  public ReplayResult {
    replayed = replayed == null ? List.of() : List.copyOf(replayed);
  }
}
