package dci.storage.vnas;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a volume's entries from the replicated index (Distributed Data) into the blades'
 * index holders when a volume made with {@code dci.vnas.index = replicated} starts sharded.
 * Each blade takes the entries of its own copy: an entry is stored only where its path has no
 * row yet (so one removed since is not brought back), then removed from Distributed Data, so a
 * blade that starts again has nothing left to carry. Tried again until it is done.
 */
final class IndexMigration {
  private static final Logger LOG = LoggerFactory.getLogger(IndexMigration.class);
  private static final int PARALLELISM = 8;

  private IndexMigration() {}

  /** Starts carrying {@code index}'s replicated entries into {@code sharded} after {@code delay}, again every {@code retry} until done. */
  static void start(ActorSystem<?> system, VnasIndex index, ShardedIndex sharded, Duration delay, Duration retry) {
    system.scheduler().scheduleOnce(delay, () -> run(system, index, sharded).whenComplete((n, e) -> {
      if (e != null) {
        LOG.warn("carrying the volume's entries into the sharded index failed, trying again in {}: {}", retry, e.toString());
        start(system, index, sharded, retry, retry);
      } else if (n > 0) {
        LOG.warn("carried {} entries of the volume from the replicated index into the sharded index", n);
      }
    }), system.executionContext());
  }

  /** Carries what this blade's copy holds; completes with the entries carried (stored or found newer). */
  static CompletionStage<Integer> run(ActorSystem<?> system, VnasIndex index, ShardedIndex sharded) {
    if (sharded.holders() == 0) {
      return CompletableFuture.failedFuture(new IllegalStateException("no index holder is known yet"));
    }
    return index.replicatedEntries().thenCompose(entries -> carry(system, index, sharded, entries));
  }

  private static CompletionStage<Integer> carry(ActorSystem<?> system, VnasIndex index, ShardedIndex sharded,
      List<VnasEntry> entries) {
    if (entries.isEmpty()) {
      return CompletableFuture.completedFuture(0);
    }
    return Source.from(entries)
        .mapAsyncUnordered(PARALLELISM, e -> sharded.adopt(e)
            .thenCompose(stored -> index.replicatedChange(e.vnasPath(), now -> null)))
        .runWith(Sink.fold(0, (n, d) -> n + 1), system);
  }
}
