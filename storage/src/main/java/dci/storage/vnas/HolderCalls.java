package dci.storage.vnas;

import dci.storage.vnas.IndexHolder.Command;
import dci.storage.vnas.IndexStore.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What holders ask of each other: the newest of their rows, a change stored on each, and the
 * rows of the shards whose digests differ. A holder that does not answer in time counts as not
 * holding the row (reads) or not having stored it (writes); the next comparison of digests brings
 * it what it missed.
 */
final class HolderCalls {
  private HolderCalls() {}

  /** The newest row at {@code path} among {@code holders} (a tombstone included), empty if none has one. */
  static CompletionStage<Optional<Row>> newest(List<ActorRef<Command>> holders, VnasPath path, ActorSystem<?> system) {
    List<CompletableFuture<Row>> asks = new ArrayList<>();
    for (ActorRef<Command> h : holders) {
      asks.add(IndexHolder.<Command, IndexHolder.RowRead>ask(h, rt -> new IndexHolder.Read(path.toString(), rt), system)
          .toCompletableFuture().handle((rr, e) -> rr == null ? null : rr.row()));
    }
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(v -> asks.stream()
        .map(CompletableFuture::join).filter(Objects::nonNull).max(Comparator.comparingLong(Row::stamp)));
  }

  /** Sends {@code rows} to each of {@code holders}; completes with how many stored them. */
  static CompletionStage<Integer> replicate(List<ActorRef<Command>> holders, List<Row> rows, ActorSystem<?> system) {
    List<CompletableFuture<Boolean>> asks = new ArrayList<>();
    for (ActorRef<Command> h : holders) {
      asks.add(IndexHolder.<Command, IndexHolder.Replicated>ask(h, rt -> new IndexHolder.Replicate(rows, rt), system)
          .toCompletableFuture().handle((ok, e) -> ok != null));
    }
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApply(v -> (int) asks.stream().filter(CompletableFuture::join).count());
  }

  /**
   * Compares the digest of every shard {@code self} shares with each other holder of {@code view}
   * and stores, a page at a time, the rows of each shard that differs (the newer of two rows
   * stays). Completes with the rows pulled.
   */
  static CompletionStage<Integer> pullDiffering(HolderView view, String self, IndexStore store, Executor io,
      int chunk, ActorSystem<?> system) {
    CompletionStage<Integer> done = CompletableFuture.completedFuture(0);
    for (Map.Entry<String, ActorRef<Command>> other : view.holders().entrySet()) {
      if (other.getKey().equals(self)) {
        continue;
      }
      List<Integer> shared = view.shared(self, other.getKey());
      if (shared.isEmpty()) {
        continue;
      }
      ActorRef<Command> them = other.getValue();
      // one digest of every shared shard first: a quiet pair exchanges two numbers, not a list
      done = done.thenCompose(n -> same(them, shared, store, io, system).thenCompose(same -> {
        CompletionStage<Integer> each = CompletableFuture.completedFuture(n);
        for (int i = 0; !same && i < shared.size(); i += chunk) {
          List<Integer> part = shared.subList(i, Math.min(shared.size(), i + chunk));
          each = each.thenCompose(k -> differing(them, part, store, io, system)
              .thenCompose(shards -> pullAll(them, shards, 0, store, io, system))
              .thenApply(m -> k + m));
        }
        return each;
      }));
    }
    return done;
  }

  /** True if {@code other}'s one digest of {@code shards} equals this store's. */
  private static CompletionStage<Boolean> same(ActorRef<Command> other, List<Integer> shards, IndexStore store,
      Executor io, ActorSystem<?> system) {
    java.util.BitSet bits = new java.util.BitSet(IndexStore.SHARDS);
    shards.forEach(bits::set);
    return IndexHolder.<Command, IndexStore.Digest>ask(other, rt -> new IndexHolder.LedDigest(bits.toLongArray(), rt), system)
        .thenApplyAsync(theirs -> theirs.equals(store.digest(bits)), io);
  }

  /**
   * Hands the rows of every shard {@code self} has rows of but does not hold in {@code view} to
   * that shard's holders, a page at a time, and drops each page once every holder stored it (a
   * row changed meanwhile stays): rows a blade decided while it saw fewer blades, or kept from
   * before a blade joined, reach the blades that hold them now. Completes with the rows handed.
   */
  static CompletionStage<Integer> handOff(HolderView view, String self, IndexStore store, Executor io,
      ActorSystem<?> system) {
    return CompletableFuture.supplyAsync(store::shardsWithRows, io).thenCompose(shards -> {
      CompletionStage<Integer> done = CompletableFuture.completedFuture(0);
      for (int shard : shards) {
        List<String> holders = ShardRing.holders(shard, view.holders().keySet(), view.r());
        if (holders.isEmpty() || holders.contains(self)) {
          continue;
        }
        List<ActorRef<Command>> to = holders.stream().map(view.holders()::get).toList();
        done = done.thenCompose(n -> handShard(to, shard, store, io, system).thenApply(m -> n + m));
      }
      return done;
    });
  }

  private static CompletionStage<Integer> handShard(List<ActorRef<Command>> to, int shard, IndexStore store, Executor io,
      ActorSystem<?> system) {
    return CompletableFuture.supplyAsync(() -> store.rows(shard, null, IndexHolder.PAGE), io).thenCompose(page -> {
      if (page.isEmpty()) {
        return CompletableFuture.completedFuture(0);
      }
      return replicate(to, page, system).thenComposeAsync(stored -> {
        if (stored < to.size()) {
          return CompletableFuture.failedFuture(new IllegalStateException(
              "a holder of index shard " + shard + " did not store the rows handed to it"));
        }
        int dropped = store.dropIfSame(page);
        // rows changed meanwhile stay: they go with the next sync, not in a loop here
        return dropped == 0 ? CompletableFuture.completedFuture(page.size())
            : handShard(to, shard, store, io, system).thenApply(m -> page.size() + m);
      }, io);
    });
  }

  private static CompletionStage<List<Integer>> differing(ActorRef<Command> other, List<Integer> shards,
      IndexStore store, Executor io, ActorSystem<?> system) {
    return IndexHolder.<Command, IndexHolder.DigestList>ask(other, rt -> new IndexHolder.Digests(List.copyOf(shards), rt),
            system)
        .thenApplyAsync(theirs -> {
          List<Integer> out = new ArrayList<>();
          for (int i = 0; i < shards.size(); i++) {
            if (!theirs.digests().get(i).equals(store.digest(shards.get(i)))) {
              out.add(shards.get(i));
            }
          }
          return out;
        }, io);
  }

  private static CompletionStage<Integer> pullAll(ActorRef<Command> other, List<Integer> shards, int at, IndexStore store,
      Executor io, ActorSystem<?> system) {
    if (at == shards.size()) {
      return CompletableFuture.completedFuture(0);
    }
    return pullShard(other, shards.get(at), null, store, io, system)
        .thenCompose(n -> pullAll(other, shards, at + 1, store, io, system).thenApply(m -> n + m));
  }

  private static CompletionStage<Integer> pullShard(ActorRef<Command> other, int shard, String after, IndexStore store,
      Executor io, ActorSystem<?> system) {
    return IndexHolder.<Command, IndexHolder.Page>ask(other,
            rt -> new IndexHolder.ShardRows(shard, after, IndexHolder.PAGE, rt), system)
        .thenComposeAsync(page -> {
          List<CompletableFuture<Boolean>> stored = new ArrayList<>();
          page.rows().forEach(row -> stored.add(store.apply(row).toCompletableFuture()));
          CompletionStage<Void> all = CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new));
          if (page.rows().size() < IndexHolder.PAGE) {
            return all.thenApply(v -> page.rows().size());
          }
          String last = page.rows().get(page.rows().size() - 1).path();
          return all.thenCompose(v -> pullShard(other, shard, last, store, io, system))
              .thenApply(m -> page.rows().size() + m);
        }, io);
  }
}
