package dci.protocol.failover;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * One row of the peripheral switch's table (reply of {@code GET /api/ports} and {@code PUT
 * /api/ports/USER}): user {@code user}'s desk, port {@code port}, is connected to {@code blade}
 * since {@code since}.
 *
 * @param reason why it was routed there: "assigned" by an operator, or a fail-over's id
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record PortView(String user, String port, String blade, Instant since, String reason) {}
