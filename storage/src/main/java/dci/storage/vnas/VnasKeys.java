package dci.storage.vnas;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.ORMultiMap;
import org.apache.pekko.cluster.ddata.ORMultiMapKey;

/**
 * The replicated keys of the volume (Pekko Distributed Data, durable in LMDB: every key
 * starting {@code dci-vnas-}). The index is cut into many small shards, because every change
 * to a key merges and stores the whole key: entries by their parent directory and then by
 * their name (a listing reads the {@link #NAME_SHARDS} shards of one directory shard), stripe
 * locations by the stripe id's first byte.
 *
 * <p>The first index format kept 32 entry shards by parent and 32 location shards; those
 * {@code legacy} keys are still read (and emptied as their paths change), never added to.
 */
public final class VnasKeys {
  public static final int DIR_SHARDS = 32;
  public static final int NAME_SHARDS = 16;
  public static final int LOCATION_SHARDS = 256;
  static final int LEGACY_SHARDS = 32;

  private static final List<Key<LWWMap<String, VnasEntry>>> FILES = new ArrayList<>();
  private static final List<Key<ORMultiMap<String, String>>> LOCATIONS = new ArrayList<>();
  private static final List<Key<LWWMap<String, VnasEntry>>> LEGACY_FILES = new ArrayList<>();
  private static final List<Key<ORMultiMap<String, String>>> LEGACY_LOCATIONS = new ArrayList<>();

  static {
    for (int d = 0; d < DIR_SHARDS; d++) {
      for (int n = 0; n < NAME_SHARDS; n++) {
        FILES.add(LWWMapKey.create("dci-vnas-e-" + d + "-" + n));
      }
    }
    for (int i = 0; i < LOCATION_SHARDS; i++) {
      LOCATIONS.add(ORMultiMapKey.create("dci-vnas-s-" + i));
    }
    for (int i = 0; i < LEGACY_SHARDS; i++) {
      LEGACY_FILES.add(LWWMapKey.create("dci-vnas-f-" + i));
      LEGACY_LOCATIONS.add(ORMultiMapKey.create("dci-vnas-l-" + i));
    }
  }

  /** Blade name to its store's figures. */
  public static final Key<LWWMap<String, StoreInfo>> STORES = LWWMapKey.create("dci-vnas-stores");
  /** Blades being drained (name to true). */
  public static final Key<LWWMap<String, Boolean>> DRAINING = LWWMapKey.create("dci-vnas-draining");
  /** Folder to its cluster-wide placement rule. */
  public static final Key<LWWMap<String, VnasRule>> RULES = LWWMapKey.create("dci-vnas-rules");
  /** Lock token to lock. */
  public static final Key<LWWMap<String, VnasLock>> LOCKS = LWWMapKey.create("dci-vnas-locks");

  private VnasKeys() {}

  /** The shard holding {@code path}'s entry: one of its parent's shards, chosen by its name. */
  public static Key<LWWMap<String, VnasEntry>> filesOf(VnasPath path) {
    return FILES.get(dirShard(path.parent()) * NAME_SHARDS + mix(path.name().hashCode(), NAME_SHARDS));
  }

  /** The shards that hold the children of {@code dir} (with those of other directories). */
  public static List<Key<LWWMap<String, VnasEntry>>> childrenOf(VnasPath dir) {
    int d = dirShard(dir);
    return FILES.subList(d * NAME_SHARDS, (d + 1) * NAME_SHARDS);
  }

  public static Key<ORMultiMap<String, String>> locationsOf(String hash) {
    return LOCATIONS.get(Integer.parseInt(hash.substring(0, 2), 16) % LOCATION_SHARDS);
  }

  public static List<Key<LWWMap<String, VnasEntry>>> allFiles() {
    return FILES;
  }

  public static List<Key<ORMultiMap<String, String>>> allLocations() {
    return LOCATIONS;
  }

  // ---- the first format's keys

  static Key<LWWMap<String, VnasEntry>> legacyFilesOf(VnasPath path) {
    return LEGACY_FILES.get(Math.floorMod(path.parent().toString().hashCode(), LEGACY_SHARDS));
  }

  static Key<LWWMap<String, VnasEntry>> legacyChildrenOf(VnasPath dir) {
    return LEGACY_FILES.get(Math.floorMod(dir.toString().hashCode(), LEGACY_SHARDS));
  }

  static Key<ORMultiMap<String, String>> legacyLocationsOf(String hash) {
    return LEGACY_LOCATIONS.get(Integer.parseInt(hash.substring(0, 2), 16) % LEGACY_SHARDS);
  }

  static List<Key<LWWMap<String, VnasEntry>>> legacyFiles() {
    return LEGACY_FILES;
  }

  static List<Key<ORMultiMap<String, String>>> legacyLocations() {
    return LEGACY_LOCATIONS;
  }

  private static int dirShard(VnasPath dir) {
    return mix(dir.toString().hashCode(), DIR_SHARDS);
  }

  /** Spreads a string hash (whose low bits follow the last characters) over {@code n} shards. */
  static int mix(int h, int n) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Math.floorMod(h, n);
  }
}
