package dci.actors.log;

/** What a blade did with a logged envelope. */
public enum Direction {
  /** Sent from this blade (by the API or a peerlet on it). */
  SENT,
  /** Received for a peerlet on this blade. */
  RECEIVED,
  /** Passed on to another blade. */
  RELAYED,
  /** Its TTL ran out here. */
  EXPIRED,
  /** Could not be delivered (unknown blade, no such app, queue full, ...). */
  UNDELIVERABLE
}
