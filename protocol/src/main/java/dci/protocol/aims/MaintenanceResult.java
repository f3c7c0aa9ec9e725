package dci.protocol.aims;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dci.protocol.DciSerializable;
import java.time.Instant;

/**
 * One run of a maintenance job on one blade (the last of each is replicated to every blade; each
 * blade keeps its own history on disk).
 *
 * @param job the job
 * @param blade the blade it ran on
 * @param task what it did
 * @param startedAt when it started
 * @param durationMs how long it took
 * @param ok whether it succeeded
 * @param output the end of what it printed, or why it failed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MaintenanceResult(String job, String blade, String task, Instant startedAt, long durationMs, boolean ok,
    String output) implements DciSerializable {}
