package dci.actors.peerlet;

import org.apache.pekko.actor.typed.Behavior;

/**
 * What the main class of a peerlet shipped in a package implements (with a public no-arg
 * constructor): the installer loads it from the package's jar and registers its app type, and
 * the peerlet manager calls {@link #create} for each instance it spawns. The behavior must
 * call {@link PeerletApi#ready()} once it takes envelopes, and must never block (blocking work
 * goes to {@link PeerletApi#blockingIo()}).
 */
public interface PeerletFactory {
  /** The behavior of one new instance, talking to the blade through {@code api}. */
  Behavior<PeerletMessage> create(PeerletApi api);
}
