package dci.protocol;

/**
 * What the directory says of a blade. Pekko's member states are folded into the seed's
 * vocabulary: WeaklyUp counts as Joining, Exiting as Leaving; an Up member the failure
 * detector cannot reach is Unreachable; a blade removed after being downed stays Down,
 * one that left gracefully is Removed.
 */
public enum BladeStatus {
  Joining,
  Up,
  Unreachable,
  Leaving,
  Down,
  Removed
}
