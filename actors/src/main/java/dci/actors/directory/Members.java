package dci.actors.directory;

import dci.protocol.BladeInfo;
import dci.protocol.BladeStats;
import dci.protocol.BladeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;

/**
 * The directory's picture of the cluster, folded from membership and reachability events and
 * the figures blades publish: one entry per member address, departed ones kept (at most
 * {@code keepDeparted}) so a blade removed after being downed stays listed as Down.
 */
final class Members {
  private final int keepDeparted;
  private final Map<String, DirectoryEntry> entries = new LinkedHashMap<>();
  private Map<String, BladeStats> stats = new HashMap<>();

  Members(int keepDeparted) {
    this.keepDeparted = keepDeparted;
  }

  /**
   * Folds a membership event in; answers the member's entry as it is now, or null for a stale
   * removal of an incarnation no longer tracked.
   */
  DirectoryEntry member(ClusterEvent.MemberEvent event, Instant now) {
    Member member = event.member();
    String key = DirectoryEntry.of(member).address();
    DirectoryEntry current = entries.get(key);
    if (current == null || !current.member().uniqueAddress().equals(member.uniqueAddress())) {
      if (event instanceof ClusterEvent.MemberRemoved) {
        return null;
      }
      current = DirectoryEntry.of(member);
    }
    DirectoryEntry next = current.withMember(member);
    if (member.status() == MemberStatus.up()) {
      next = next.seenUp(now);
    }
    if (event instanceof ClusterEvent.MemberRemoved removed) {
      boolean downed = removed.previousStatus() == MemberStatus.down();
      next = next.departedAs(downed ? BladeStatus.Down : BladeStatus.Removed);
    }
    entries.remove(key);
    entries.put(key, next);
    forgetOldDeparted();
    return next;
  }

  /** Folds a reachability event in. */
  void reachability(ClusterEvent.ReachabilityEvent event) {
    DirectoryEntry e = entries.get(DirectoryEntry.of(event.member()).address());
    if (e != null && e.member().uniqueAddress().equals(event.member().uniqueAddress())) {
      entries.put(e.address(), e.withUnreachable(event instanceof ClusterEvent.UnreachableMember));
    }
  }

  /** Every blade's published figures, by address. */
  void stats(Map<String, BladeStats> all) {
    stats = new HashMap<>(all);
  }

  BladeStats statsOf(String address) {
    return stats.get(address);
  }

  void putStats(String address, BladeStats mine) {
    stats.put(address, mine);
  }

  /** The directory as a list sorted by blade name. */
  List<BladeInfo> blades() {
    List<BladeInfo> blades = new ArrayList<>();
    for (DirectoryEntry e : entries.values()) {
      blades.add(e.toInfo(stats.get(e.address())));
    }
    blades.sort(Comparator.comparing(BladeInfo::name).thenComparing(BladeInfo::address));
    return List.copyOf(blades);
  }

  private void forgetOldDeparted() {
    List<String> departed = entries.entrySet().stream()
        .filter(e -> e.getValue().departed() != null)
        .map(Map.Entry::getKey)
        .toList();
    for (int i = 0; i < departed.size() - keepDeparted; i++) {
      entries.remove(departed.get(i));
    }
  }
}
