package dci.protocol.aims;

import java.util.List;

/**
 * One blade's part of a patch.
 *
 * @param blade the blade
 * @param state {@code pending}, {@code running}, {@code done}, {@code failed}, or {@code skipped}
 *     (an earlier blade failed: the rollout stopped)
 * @param upgrades what was (or, in a dry run, would be) upgraded
 * @param output the end of apt-get's output, or why the step failed
 * @param health what the check after the step found (null before it, and in a dry run)
 * @param envelope the id of the step's envelope in the message log (replay it on another blade)
 * @param durationMs how long the step took
 */
public record PatchResult(String blade, String state, List<AuditReport.Upgrade> upgrades, String output,
    String health, String envelope, long durationMs) {
  public PatchResult {
    upgrades = upgrades == null ? List.of() : List.copyOf(upgrades);
  }
}
