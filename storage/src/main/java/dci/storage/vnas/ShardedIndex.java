package dci.storage.vnas;

import dci.storage.vnas.IndexHolder.Command;
import dci.storage.vnas.IndexHolder.Decided;
import dci.storage.vnas.IndexHolder.Outcome;
import dci.storage.vnas.IndexStore.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The location index as any blade reads and changes it when the rows are held by
 * {@link IndexHolder}s: a change goes to the shard's first holder, which decides it; a lookup
 * or a listing asks every holder of the shard and takes the newest row of each path, so a row
 * is found while a new holder is still filling its shards. A conditional change
 * ({@link #change}) that meets a row changed meanwhile is computed again from that row.
 */
public final class ShardedIndex {
  /** Tries of a change whose first holder is not (yet) the one this blade sees, or whose row changed meanwhile. */
  private static final int TRIES = 40;
  private static final Duration RETRY = Duration.ofMillis(50);

  private final ActorSystem<?> system;
  private final HolderRoster roster;
  private final java.util.function.BooleanSupplier settled;
  private final StripeLocations locations;

  /** Rows on the holders {@code roster} counts; a lookup they miss is final once the count was quiet for {@link HolderRoster#SETTLE}. */
  public ShardedIndex(ActorSystem<?> system, HolderRoster roster) {
    this(system, roster, () -> true);
  }

  /**
   * {@code settled}: false while this blade's own view may be behind (it just came Up, or a blade
   * is or was unreachable). While it is false, or the holders counted changed within
   * {@link HolderRoster#SETTLE} (blades may still count different holders, and a row may sit on
   * a blade that decided it while it counted fewer), a lookup asks every holder of the shard, and
   * one they miss asks every holder; once settled, a lookup asks the shard's first holder alone
   * (it decides every change of the shard, so it has the newest row), and the others only if it
   * does not answer.
   */
  public ShardedIndex(ActorSystem<?> system, HolderRoster roster, java.util.function.BooleanSupplier settled) {
    this.system = system;
    this.roster = roster;
    this.settled = settled;
    this.locations = new StripeLocations(this);
  }

  private boolean settled() {
    return roster.settled(system) && settled.getAsBoolean();
  }

  /** Tries (of {@link #RETRY} each) a change waits for a holder of an Up blade to answer. */
  private static final int VIEW_TRIES = 20;

  /** Blades holding rows, as this blade sees them. */
  public int holders() {
    return roster.view().holders().size();
  }

  public CompletionStage<Optional<VnasEntry>> get(VnasPath path) {
    return row(path).thenApply(r -> r.map(Row::entry));
  }

  /** The newest row at {@code path} among its holders, a removal's tombstone included. */
  CompletionStage<Optional<Row>> row(VnasPath path) {
    HolderView v = roster.view();
    List<ActorRef<Command>> holders = v.reachable(IndexStore.shardOf(path.parent()), HolderView.unreachable(system));
    if (holders.isEmpty() || !settled()) {
      return everyHolder(v, holders, path);
    }
    return IndexHolder.<Command, IndexHolder.RowRead>ask(holders.get(0), rt -> new IndexHolder.Read(path.toString(), rt), system)
        .handle((rr, e) -> rr != null ? CompletableFuture.completedFuture(Optional.ofNullable(rr.row()))
            : everyHolder(v, holders, path))
        .thenCompose(x -> x);
  }

  /** The newest row among {@code holders}, and if none has one while unsettled, among every holder. */
  private CompletionStage<Optional<Row>> everyHolder(HolderView v, List<ActorRef<Command>> holders, VnasPath path) {
    return HolderCalls.newest(holders, path, system).thenCompose(found -> {
      if (found.isPresent() || settled()) {
        return CompletableFuture.completedFuture(found);
      }
      var unreachable = HolderView.unreachable(system);
      List<ActorRef<Command>> rest = v.holders().values().stream()
          .filter(h -> !holders.contains(h) && !unreachable.contains(h.path().address())).toList();
      return HolderCalls.newest(rest, path, system);
    });
  }

  /** Every entry directly below {@code dir}, in name order, page by page. */
  public CompletionStage<List<VnasEntry>> children(VnasPath dir) {
    List<ActorRef<Command>> holders = roster.view().reachable(IndexStore.shardOf(dir), HolderView.unreachable(system));
    if (holders.isEmpty() || !settled()) {
      return children(dir, holders);
    }
    // settled: the first holder has every row of the shard; the others if it does not answer
    return children(dir, holders.subList(0, 1)).handle((l, e) -> l != null ? CompletableFuture.completedFuture(l)
        : children(dir, holders)).thenCompose(x -> x);
  }

  private CompletionStage<List<VnasEntry>> children(VnasPath dir, List<ActorRef<Command>> holders) {
    List<VnasEntry> out = new ArrayList<>();
    return pages(holders, dir, null, out).thenApply(v -> out);
  }

  private CompletionStage<Void> pages(List<ActorRef<Command>> holders, VnasPath dir, String after, List<VnasEntry> out) {
    List<CompletableFuture<List<Row>>> asks = new ArrayList<>();
    for (ActorRef<Command> h : holders) {
      asks.add(IndexHolder.<Command, IndexHolder.Page>ask(h,
          rt -> new IndexHolder.ListRows(dir.toString(), after, IndexHolder.PAGE, rt), system)
          .toCompletableFuture().handle((p, e) -> p == null ? null : p.rows()));
    }
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenCompose(v -> {
      TreeMap<String, Row> merged = new TreeMap<>();
      String upTo = null; // the rows of a full page end where its last name is: past it, that holder was not asked
      int answered = 0;
      for (CompletableFuture<List<Row>> a : asks) {
        List<Row> rows = a.join();
        if (rows == null) {
          continue;
        }
        answered++;
        for (Row r : rows) {
          merged.merge(VnasPath.parse(r.path()).name(), r, (x, y) -> x.stamp() >= y.stamp() ? x : y);
        }
        if (rows.size() == IndexHolder.PAGE) {
          String last = VnasPath.parse(rows.get(rows.size() - 1).path()).name();
          upTo = upTo == null || last.compareTo(upTo) < 0 ? last : upTo;
        }
      }
      if (answered == 0 && !holders.isEmpty()) {
        return CompletableFuture.failedFuture(new VnasException(503, "no holder of " + dir + " answered"));
      }
      var page = upTo == null ? merged : merged.headMap(upTo, true);
      page.values().stream().filter(r -> !r.removed()).forEach(r -> out.add(r.entry()));
      return upTo == null ? CompletableFuture.completedFuture(null) : pages(holders, dir, upTo, out);
    });
  }

  /**
   * Every entry of the volume: each shard's first holder, as this blade sees them, sends the
   * rows of its shards a page at a time (a few messages a pass for a small volume), so every
   * shard is asked of one holder; a holder that does not answer fails the whole. The volume
   * travels to this blade: for passes over everything, not for requests. Each holder is first
   * asked for one digest of its shards: if none changed since the last call, that call's entries
   * are answered again, so an idle volume is not sent again on every keeper pass.
   */
  public CompletionStage<List<VnasEntry>> all() {
    return everyRow().thenApply(Snapshot::files);
  }

  /** Which blades hold each stripe, kept as rows of this index. */
  public StripeLocations locations() {
    return locations;
  }

  /** Every stripe's holders, from the location rows (read as {@link #all} reads, and kept alike). */
  CompletionStage<java.util.Map<String, java.util.Set<String>>> allHolders() {
    return everyRow().thenApply(Snapshot::holders);
  }

  /** Every row of the volume that is not a removal, files and locations apart. */
  private CompletionStage<Snapshot> everyRow() {
    HolderView v = roster.view();
    var gone = HolderView.unreachable(system);
    java.util.Map<ActorRef<Command>, java.util.BitSet> byFirst = new java.util.HashMap<>();
    for (int s = 0; s < IndexStore.SHARDS; s++) {
      List<ActorRef<Command>> h = v.reachable(s, gone);
      if (!h.isEmpty()) {
        byFirst.computeIfAbsent(h.get(0), x -> new java.util.BitSet(IndexStore.SHARDS)).set(s);
      }
    }
    return digests(byFirst).thenCompose(digests -> {
      Snapshot last = snapshot;
      if (last != null && last.shards().equals(byFirst) && last.digests().equals(digests)) {
        return CompletableFuture.completedFuture(last); // nothing changed since
      }
      java.util.Map<String, Row> out = new java.util.concurrent.ConcurrentHashMap<>();
      List<CompletableFuture<Void>> each = new ArrayList<>();
      byFirst.forEach((h, shards) -> each.add(led(h, shards.toLongArray(), null, out).toCompletableFuture()));
      return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(x -> {
        List<VnasEntry> files = new ArrayList<>();
        java.util.Map<String, java.util.Set<String>> holders = new java.util.HashMap<>();
        out.values().stream().filter(r -> !r.removed()).map(Row::entry).forEach(e -> {
          if (StripeRows.isLocation(e.path())) {
            holders.put(StripeRows.hashOf(e.path()), StripeRows.blades(e));
          } else {
            files.add(e);
          }
        });
        // the digests were taken before the rows: a change meanwhile shows as a difference next time
        Snapshot next = new Snapshot(byFirst, digests, List.copyOf(files), java.util.Map.copyOf(holders));
        snapshot = next;
        return next;
      });
    });
  }

  /**
   * What the last pass over every row read: which holder was asked for which shards, their
   * digests then, the files and the stripes' holders.
   */
  private record Snapshot(java.util.Map<ActorRef<Command>, java.util.BitSet> shards,
      java.util.Map<ActorRef<Command>, IndexStore.Digest> digests, List<VnasEntry> files,
      java.util.Map<String, java.util.Set<String>> holders) {}

  private volatile Snapshot snapshot;

  /** Each holder's one digest of the shards it is asked for. */
  private CompletionStage<java.util.Map<ActorRef<Command>, IndexStore.Digest>> digests(
      java.util.Map<ActorRef<Command>, java.util.BitSet> byFirst) {
    java.util.Map<ActorRef<Command>, CompletableFuture<IndexStore.Digest>> asks = new java.util.HashMap<>();
    byFirst.forEach((h, shards) -> asks.put(h, IndexHolder.<Command, IndexStore.Digest>ask(h,
        rt -> new IndexHolder.LedDigest(shards.toLongArray(), rt), system).toCompletableFuture()));
    return CompletableFuture.allOf(asks.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
      java.util.Map<ActorRef<Command>, IndexStore.Digest> out = new java.util.HashMap<>();
      asks.forEach((h, d) -> out.put(h, d.join()));
      return out;
    });
  }

  private CompletionStage<Void> led(ActorRef<Command> holder, long[] shards, String after, java.util.Map<String, Row> out) {
    return IndexHolder.<Command, IndexHolder.Scanned>ask(holder, rt -> new IndexHolder.LedRows(shards, after, rt), system)
        .thenCompose(page -> {
          page.rows().forEach(r -> out.merge(r.path(), r, (x, y) -> x.stamp() >= y.stamp() ? x : y));
          return page.next() == null ? CompletableFuture.completedFuture(null) : led(holder, shards, page.next(), out);
        });
  }

  /**
   * Takes {@code entry} over from the replicated index: stored only if its path has no row at
   * all (a removal's tombstone counts), so an entry removed since is not brought back. Completes
   * with true if it was stored.
   */
  public CompletionStage<Boolean> adopt(VnasEntry entry) {
    return decide(entry.vnasPath(), entry, 0, 0).thenApply(d -> d.outcome() == Outcome.DONE);
  }

  public CompletionStage<Done> put(VnasEntry entry) {
    return decide(entry.vnasPath(), entry, -1, 0).thenApply(d -> Done.getInstance());
  }

  public CompletionStage<Done> remove(VnasPath path) {
    return decide(path, null, -1, 0).thenApply(d -> Done.getInstance());
  }

  /**
   * Makes the entry at {@code path} what {@code change} makes of it (null in, no entry; null out,
   * a removal), computed again from the row as it is if it changed meanwhile (after a random
   * pause that grows with each try, so that changers of one row through several blades spread).
   */
  public CompletionStage<Done> change(VnasPath path, UnaryOperator<VnasEntry> change) {
    return change(path, change, 0).thenApply(d -> Done.getInstance());
  }

  /** {@link #change}, answering the entry as stored (empty: none, or removed). */
  public CompletionStage<Optional<VnasEntry>> changed(VnasPath path, UnaryOperator<VnasEntry> change) {
    return change(path, change, 0).thenApply(d -> Optional.ofNullable(d.row()).filter(r -> !r.removed()).map(Row::entry));
  }

  private CompletionStage<Decided> change(VnasPath path, UnaryOperator<VnasEntry> change, int tried) {
    return row(path).thenCompose(r -> {
      VnasEntry now = r.map(Row::entry).orElse(null);
      VnasEntry next = change.apply(now);
      if (java.util.Objects.equals(next, now)) { // nothing to remove, or to change
        return CompletableFuture.completedFuture(new Decided(Outcome.DONE, r.orElse(null), 0, null));
      }
      return decide(path, next, r.map(Row::stamp).orElse(0L), 0);
    }).thenCompose(d -> d.outcome() == Outcome.CONFLICT && tried + 1 < TRIES
        ? org.apache.pekko.pattern.Patterns.after(Duration.ofMillis(1 + java.util.concurrent.ThreadLocalRandom.current()
            .nextInt(2 + 4 * tried)), system.classicSystem().scheduler(), system.executionContext(),
            () -> change(path, change, tried + 1))
        : d.outcome() == Outcome.CONFLICT
            ? CompletableFuture.failedFuture(new VnasException(409, path + " changed " + TRIES + " times while it was being changed"))
            : CompletableFuture.completedFuture(d));
  }

  /** Sends the change to the shard's first holder; answers DONE or CONFLICT, retries while the first holder moves. */
  private CompletionStage<Decided> decide(VnasPath path, VnasEntry entry, long expect, int tried) {
    HolderView v = roster.view();
    List<ActorRef<Command>> holders = v.reachable(IndexStore.shardOf(path.parent()), HolderView.unreachable(system));
    if (holders.isEmpty()) {
      return retryOrFail(path, entry, expect, tried, "no blade holds the index yet");
    }
    if (tried < VIEW_TRIES && roster.pending() > 0 && !settled()) {
      // a blade just came Up and its holder has not answered yet: a change decided now might go
      // to blades that do not hold its shard once it does (it would be handed over, but later)
      return retryOrFail(path, entry, expect, tried, "the index holders are not all known yet");
    }
    return IndexHolder.<Command, Decided>ask(holders.get(0),
            rt -> new IndexHolder.Decide(path.toString(), entry, expect, rt), system)
        .handle((d, e) -> d != null ? d : new Decided(Outcome.FAILED, null, 0, String.valueOf(e)))
        .thenCompose(d -> switch (d.outcome()) {
          case DONE, CONFLICT -> CompletableFuture.completedFuture(d);
          case NOT_FIRST -> retryOrFail(path, entry, expect, tried, "the blades do not agree who decides " + path);
          case FAILED -> CompletableFuture.failedFuture(new VnasException(503, "index change of " + path + " failed: " + d.error()));
        });
  }

  private CompletionStage<Decided> retryOrFail(VnasPath path, VnasEntry entry, long expect, int tried, String why) {
    if (tried + 1 >= TRIES) {
      return CompletableFuture.failedFuture(new VnasException(503, why));
    }
    return org.apache.pekko.pattern.Patterns.after(RETRY, system.classicSystem().scheduler(),
        system.executionContext(), () -> decide(path, entry, expect, tried + 1));
  }
}
