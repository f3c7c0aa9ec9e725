package dci.protocol.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dci.protocol.envelope.Envelope;
import java.time.Instant;

/**
 * One line of a blade's message log as {@code GET /api/log} shows it.
 *
 * @param seq position in the blade's log (1, 2, ...)
 * @param at when the blade logged it
 * @param blade the logging blade
 * @param direction what the blade did: {@code SENT}, {@code RECEIVED}, {@code RELAYED},
 *     {@code EXPIRED} or {@code UNDELIVERABLE}
 * @param envelope the envelope as it was then (a viewer sees exec's and the installer's without payload)
 * @param note why, for {@code EXPIRED} and {@code UNDELIVERABLE}
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogLine(long seq, Instant at, String blade, String direction, Envelope envelope, String note) {}
