package dci.protocol.failover;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Reply of {@code POST /api/failover/trigger} (200 when started, 409 with the same body when
 * refused): what the coordinator says and the fail-over's record (null when refused).
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record TriggerAnswer(boolean ok, String message, FailoverView record) {}
