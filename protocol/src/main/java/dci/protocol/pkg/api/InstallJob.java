package dci.protocol.pkg.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Reply of {@code GET /api/install/jobs/ID}: an install, uninstall or follow job, {@code done}
 * once every blade answered (or did not in time), {@code ok} if done and none failed.
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstallJob(String job, String op, String name, String version, Instant created, boolean done,
    boolean ok, List<Blade> blades) {

  /**
   * One target blade of the job: {@code state} pending until it answers, then ok, unchanged or
   * failed; the fields after {@code elapsedMs} come from its answer (absent while pending).
   *
   * @param envelope the id of the envelope sent to it
   * @param action install, upgrade, uninstall or unchanged
   * @param previous the version installed before, or null
   * @param durationMs wall time on the blade, download included
   * @param peerlet the app type of the peerlet the blade now serves from this package
   * @param following for follow (and after uninstall): whether the blade follows the package now
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Blade(String blade, String state, String envelope, long elapsedMs, String action, String version,
      String previous, String message, InstallStep failedStep, List<InstallStep> steps, Long durationMs,
      String peerlet, Boolean following) {}
}
