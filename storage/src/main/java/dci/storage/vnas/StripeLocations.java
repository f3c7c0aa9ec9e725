package dci.storage.vnas;

import dci.storage.vnas.IndexStore.Row;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * Which blades hold each stripe, kept as rows of a {@link ShardedIndex} ({@link StripeRows}):
 * read like any row (the shard's first holder once settled), changed by its conditional changes,
 * so concurrent binds and unbinds of one stripe through several blades lose none.
 */
public final class StripeLocations {
  private final ShardedIndex index;

  StripeLocations(ShardedIndex index) {
    this.index = index;
  }

  /** The blades the location row of stripe {@code hash} names (none if it has none). */
  public CompletionStage<Set<String>> holders(String hash) {
    return index.row(StripeRows.pathOf(hash)).thenApply(r -> StripeRows.blades(r.map(Row::entry).orElse(null)));
  }

  /** Every stripe's holders, read in one pass with the volume's files ({@link ShardedIndex#all}). */
  public CompletionStage<Map<String, Set<String>>> all() {
    return index.allHolders();
  }

  /** Adds {@code blades} to those holding stripe {@code hash}. */
  public CompletionStage<Done> bind(String hash, Collection<String> blades) {
    return index.change(StripeRows.pathOf(hash), old -> {
      Set<String> now = new TreeSet<>(StripeRows.blades(old));
      return now.addAll(blades) ? StripeRows.row(hash, now) : old;
    });
  }

  /** Takes {@code blade} from those holding stripe {@code hash}. */
  public CompletionStage<Done> unbind(String hash, String blade) {
    return index.change(StripeRows.pathOf(hash), old -> {
      Set<String> now = new TreeSet<>(StripeRows.blades(old));
      return now.remove(blade) ? StripeRows.row(hash, now) : old;
    });
  }

  /** Forgets stripe {@code hash} altogether (a tombstone stays, as for a removed file). */
  public CompletionStage<Done> forget(String hash) {
    return index.remove(StripeRows.pathOf(hash));
  }
}
