package dci.storage.vnas;

import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.ORMultiMap;
import org.apache.pekko.cluster.ddata.ORMultiMapKey;

/**
 * The replicated keys of the volume (Pekko Distributed Data, durable in LMDB: every key
 * starting {@code dci-vnas-}). The index is cut into shards so no one write carries it all:
 * entries by their parent directory (a listing reads one shard), stripe locations by the
 * stripe id's first byte.
 */
public final class VnasKeys {
  public static final int SHARDS = 32;
  private static final java.util.List<Key<LWWMap<String, VnasEntry>>> FILES = new java.util.ArrayList<>();
  private static final java.util.List<Key<ORMultiMap<String, String>>> LOCATIONS = new java.util.ArrayList<>();

  static {
    for (int i = 0; i < SHARDS; i++) {
      FILES.add(LWWMapKey.create("dci-vnas-f-" + i));
      LOCATIONS.add(ORMultiMapKey.create("dci-vnas-l-" + i));
    }
  }

  /** Blade name to its store's figures. */
  public static final Key<LWWMap<String, StoreInfo>> STORES = LWWMapKey.create("dci-vnas-stores");
  /** Blades being drained (name to true). */
  public static final Key<LWWMap<String, Boolean>> DRAINING = LWWMapKey.create("dci-vnas-draining");
  /** Lock token to lock. */
  public static final Key<LWWMap<String, VnasLock>> LOCKS = LWWMapKey.create("dci-vnas-locks");

  private VnasKeys() {}

  /** The shard holding {@code path}'s entry: that of its parent, so siblings share one. */
  public static Key<LWWMap<String, VnasEntry>> filesOf(VnasPath path) {
    return FILES.get(Math.floorMod(path.parent().toString().hashCode(), SHARDS));
  }

  /** The shard listing the children of {@code dir}. */
  public static Key<LWWMap<String, VnasEntry>> childrenOf(VnasPath dir) {
    return FILES.get(Math.floorMod(dir.toString().hashCode(), SHARDS));
  }

  public static Key<ORMultiMap<String, String>> locationsOf(String hash) {
    return LOCATIONS.get(Integer.parseInt(hash.substring(0, 2), 16) % SHARDS);
  }

  public static java.util.List<Key<LWWMap<String, VnasEntry>>> allFiles() {
    return FILES;
  }

  public static java.util.List<Key<ORMultiMap<String, String>>> allLocations() {
    return LOCATIONS;
  }
}
