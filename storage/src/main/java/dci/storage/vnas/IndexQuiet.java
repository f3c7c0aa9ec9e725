package dci.storage.vnas;

import java.time.Duration;

/**
 * Whether this blade's own copy of the index may answer "not found" alone. Index writes reach
 * every blade while all are reachable, so once membership has been quiet for a while a local
 * miss is a real miss. Right after this blade came Up (its copy may still be filling by
 * gossip), while any blade is unreachable (writes then reach only a majority), and for a while
 * after one became reachable again (the writes it missed are still on their way), a lookup
 * that misses locally asks a majority instead. Written by {@link IndexSettling}, read by
 * anyone.
 */
final class IndexQuiet {
  private final long settleNanos;
  /** {@link System#nanoTime} from which the copy is trusted; none until this blade is Up. */
  private volatile long quietFrom;
  private volatile boolean up;

  IndexQuiet(Duration settle) {
    this.settleNanos = settle.toNanos();
  }

  /** This blade is Up: its copy is trusted once {@code settle} has passed. */
  void selfUp(long now) {
    quietFrom = now + settleNanos;
    up = true;
  }

  /** Some blade became unreachable or reachable again. */
  void reachabilityChanged(long now) {
    long from = now + settleNanos;
    if (from - quietFrom > 0) {
      quietFrom = from;
    }
  }

  /** True if a local miss may be taken as final; {@code allReachable}: no blade is unreachable now. */
  boolean settled(long now, boolean allReachable) {
    return up && allReachable && now - quietFrom >= 0;
  }
}
