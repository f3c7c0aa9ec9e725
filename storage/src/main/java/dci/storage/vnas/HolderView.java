package dci.storage.vnas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The index holders a blade counts (one a blade, see {@link HolderRoster}), by blade address, and
 * which of them hold a directory shard ({@link ShardRing}): what a holder and a client both rank.
 *
 * @param holders each blade's holder, by its address ({@code pekko://name@host:port})
 * @param r copies of each row
 */
record HolderView(Map<String, ActorRef<IndexHolder.Command>> holders, int r) {
  HolderView {
    holders = Map.copyOf(holders);
  }

  static HolderView empty(int r) {
    return new HolderView(Map.of(), r);
  }

  /** The holders of {@code shard}, the deciding one first. */
  List<ActorRef<IndexHolder.Command>> of(int shard) {
    List<ActorRef<IndexHolder.Command>> out = new ArrayList<>(r);
    for (String blade : ShardRing.holders(shard, holders.keySet(), r)) {
      out.add(holders.get(blade));
    }
    return out;
  }

  /**
   * The holders of {@code shard} that are not on a blade in {@code unreachable}, the deciding one
   * first: while a holder's blade is unreachable (and not yet removed), the next decides and
   * reads skip it instead of waiting for it; it catches up by comparing digests when it is back.
   */
  List<ActorRef<IndexHolder.Command>> reachable(int shard, java.util.Set<Address> unreachable) {
    List<ActorRef<IndexHolder.Command>> all = of(shard);
    if (unreachable.isEmpty()) {
      return all;
    }
    return all.stream().filter(h -> !unreachable.contains(h.path().address())).toList();
  }

  /** The addresses of the blades {@code system}'s cluster sees unreachable now. */
  static java.util.Set<Address> unreachable(org.apache.pekko.actor.typed.ActorSystem<?> system) {
    java.util.Set<Address> out = new java.util.HashSet<>();
    org.apache.pekko.cluster.typed.Cluster.get(system).state().getUnreachable().forEach(m -> out.add(m.address()));
    return out;
  }

  /** The shards {@code a} and {@code b} (blade addresses) both hold. */
  List<Integer> shared(String a, String b) {
    List<Integer> out = new ArrayList<>();
    for (int s = 0; s < IndexStore.SHARDS; s++) {
      List<String> h = ShardRing.holders(s, holders.keySet(), r);
      if (h.contains(a) && h.contains(b)) {
        out.add(s);
      }
    }
    return out;
  }
}
