package dci.actors.directory;

import dci.protocol.BladeStatus;
import org.apache.pekko.cluster.MemberStatus;

/** Folds Pekko's member states into the directory's vocabulary. */
public final class Statuses {
  private Statuses() {}

  /** The status of a reachable member in state {@code s}. */
  public static BladeStatus of(MemberStatus s) {
    if (s == MemberStatus.up()) {
      return BladeStatus.Up;
    }
    if (s == MemberStatus.leaving() || s == MemberStatus.exiting()
        // preparing for, or ready for, a shutdown of the whole cluster: on its way out
        || s == MemberStatus.shuttingDown() || s == MemberStatus.shutDown()) {
      return BladeStatus.Leaving;
    }
    if (s == MemberStatus.down()) {
      return BladeStatus.Down;
    }
    if (s == MemberStatus.removed()) {
      return BladeStatus.Removed;
    }
    return BladeStatus.Joining;
  }
}
