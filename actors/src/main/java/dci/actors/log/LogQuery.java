package dci.actors.log;

import java.time.Instant;

/**
 * Filter of a log query; null fields match everything. Results are sorted by time.
 *
 * @param appType envelope app type
 * @param sender sending blade
 * @param receiver a recipient blade
 * @param since logged at or after
 * @param until logged before
 * @param envelopeId one envelope
 * @param limit at most this many (newest last), 1..10000
 */
public record LogQuery(
    String appType, String sender, String receiver, Instant since, Instant until, java.util.UUID envelopeId,
    int limit) {}
