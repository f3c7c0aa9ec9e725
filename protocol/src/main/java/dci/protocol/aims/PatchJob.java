package dci.protocol.aims;

import java.time.Instant;
import java.util.List;

/**
 * A patch rollout as {@code GET /api/aims/patch/jobs/ID} shows it.
 *
 * @param id the job
 * @param dryRun whether it only simulated
 * @param packages the packages it upgrades (empty: all)
 * @param created when it started
 * @param done whether every blade is done, failed or skipped
 * @param ok whether every blade succeeded
 * @param blades each blade's part, in the rollout's order
 */
public record PatchJob(String id, boolean dryRun, List<String> packages, Instant created, boolean done, boolean ok,
    List<PatchResult> blades) {}
