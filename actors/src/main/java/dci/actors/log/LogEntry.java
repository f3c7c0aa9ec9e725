package dci.actors.log;

import dci.protocol.DciSerializable;
import dci.protocol.envelope.Envelope;
import java.time.Instant;

/**
 * One line of a blade's message log.
 *
 * @param seq position in this blade's log (1, 2, ...)
 * @param at when the blade logged it
 * @param blade the logging blade
 * @param direction what the blade did
 * @param envelope the envelope as it was then
 * @param note why, for EXPIRED and UNDELIVERABLE
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record LogEntry(long seq, Instant at, String blade, Direction direction, Envelope envelope, String note)
    implements DciSerializable {}
