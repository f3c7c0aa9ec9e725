package dci.protocol.failover;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * One fail-over as the API shows it (in {@code GET /api/failover/status} and {@code history}):
 * which blade failed and why, which spare replaced it, how, whose ports moved, and every step.
 *
 * @param method copy_after_detection (Fig. 6), pre_copied (Fig. 7) or from_backup (Fig. 8); null until chosen
 * @param state detected, copying, switching, restoring, done or failed
 * @param ended null while under way
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record FailoverView(String id, String failed, String cause, String method, String replacement,
    List<String> users, String state, String coordinator, Instant started, Instant ended, List<Step> steps) {

  /** One detection, decision, copy or switch, and the blade that took it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Step(Instant at, String blade, String what) {}
}
