package dci.actors.router;

import dci.protocol.envelope.Envelope;
import java.util.List;
import java.util.UUID;

/**
 * What the router answers to a send: the envelope as sent, the blades it went to, and
 * (when the caller waited) the replies that came back, undeliverable notices included.
 *
 * @param id the envelope's id
 * @param envelope the envelope as the router completed it (id, sender, TTL, time)
 * @param targets blades it was handed to
 * @param replies replies correlated to it, in arrival order
 * @param complete true when every target replied before the wait ran out
 */
public record RouteResult(UUID id, Envelope envelope, List<String> targets, List<Envelope> replies, boolean complete) {}
