package dci.actors.peerlet;

import dci.protocol.envelope.Envelope;

/**
 * What a peerlet instance receives. Peerlets may add their own (private) message types
 * implementing this interface, e.g. for results piped back with {@code pipeToSelf}.
 */
public interface PeerletMessage {

  /** An envelope addressed to this instance (its app type, its GUID). */
  record Incoming(Envelope envelope) implements PeerletMessage {}

  /** A timer tick a peerlet scheduled for itself through {@code Behaviors.withTimers}. */
  record Tick(String name) implements PeerletMessage {}
}
