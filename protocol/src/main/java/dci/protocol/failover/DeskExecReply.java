package dci.protocol.failover;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Reply of {@code POST /api/desk/USER/exec}: what came of the command, and the blade it ran on.
 *
 * @param truncated whether stdout or stderr was cut at the blade's limit
 * @param error why the command could not run or was stopped (null when it ran)
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeskExecReply(String user, String blade, int exitCode, String stdout, String stderr, boolean truncated,
    boolean timedOut, long durationMs, String error) {}
