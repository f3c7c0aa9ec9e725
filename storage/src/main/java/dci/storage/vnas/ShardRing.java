package dci.storage.vnas;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which blades hold a directory shard of the index: the first {@code r} of the blades ranked by a
 * hash of the shard and the blade (rendezvous hashing). Every blade that sees the same blades
 * ranks them the same way, with no table to agree on; a blade that joins takes a place in about
 * r of every n+1 shards and moves at most one holder out of each, and a blade that leaves moves
 * only its own shards' places, to the next in rank. The first holder decides the shard's changes.
 */
final class ShardRing {
  private ShardRing() {}

  /** The holders of {@code shard} among {@code blades}, first the deciding one; fewer than r if there are fewer blades. */
  static List<String> holders(int shard, Collection<String> blades, int r) {
    List<String> ranked = new ArrayList<>(blades);
    ranked.sort(Comparator.comparingLong((String b) -> score(shard, b)).reversed().thenComparing(b -> b));
    return List.copyOf(ranked.subList(0, Math.min(r, ranked.size())));
  }

  /** The rank score of {@code blade} for {@code shard}: FNV-1a of the blade, mixed with the shard. */
  static long score(int shard, String blade) {
    long h = 0xcbf29ce484222325L;
    for (byte b : blade.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h ^= (shard + 1) * 0x9e3779b97f4a7c15L;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
