package dci.actors.peerlet;

import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;

/**
 * An application the peerlet manager can start on demand: its app type, the least role a
 * caller needs to send it envelopes from the API, and how to make an instance.
 *
 * @param appType the app type envelopes name
 * @param leastRole {@code viewer}, {@code operator} or {@code admin}
 * @param factory makes the behavior of one instance from its API
 */
public record PeerletType(
    String appType, dci.protocol.auth.Role leastRole, Function<PeerletApi, Behavior<PeerletMessage>> factory) {}
