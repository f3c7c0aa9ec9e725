package dci.storage.vnas;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stripe locations kept as rows of the sharded index ({@link ShardedIndex}), so that they too
 * live on the disks of a shard's holders and not in every blade's heap: the blades holding stripe
 * {@code h} are the row at {@code /.dci-stripes/<first 3 hex digits of h>/h}, one property a
 * blade. The directory is refused in every path a client gives ({@link VnasPath#reserved}), and
 * no row names it, so it is in no listing; {@link ShardedIndex#all} leaves its rows out.
 */
final class StripeRows {
  /** The first segment of every location row's path. */
  static final String DIR = ".dci-stripes";
  private static final String PREFIX = "/" + DIR + "/";

  private StripeRows() {}

  /** The row path of stripe {@code hash}. */
  static VnasPath pathOf(String hash) {
    return new VnasPath(List.of(DIR, hash.substring(0, Math.min(3, hash.length())), hash));
  }

  static boolean isLocation(String path) {
    return path.startsWith(PREFIX);
  }

  /** The stripe a location row's path names. */
  static String hashOf(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The blades a location row names (none for no row). */
  static Set<String> blades(VnasEntry row) {
    return row == null ? Set.of() : Set.copyOf(row.props().keySet());
  }

  /** The location row of {@code hash} naming {@code blades}; null (a removal) for none. */
  static VnasEntry row(String hash, Set<String> blades) {
    if (blades.isEmpty()) {
      return null;
    }
    Map<String, String> props = new TreeMap<>();
    blades.forEach(b -> props.put(b, ""));
    return new VnasEntry(pathOf(hash).toString(), false, 0, 0, 0, 0, null, List.of(), props);
  }
}
