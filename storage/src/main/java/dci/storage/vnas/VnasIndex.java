package dci.storage.vnas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.ORMultiMap;
import org.apache.pekko.cluster.ddata.ReplicatedData;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * The volume's location index, replicated to every blade with no central server: any blade
 * answers any lookup from its own copy. Writes reach every blade while all are reachable (else
 * a majority) before they are acknowledged; a lookup that finds nothing locally asks a
 * majority before saying "not found" unless membership has been quiet long enough for this
 * blade's copy to be complete ({@link IndexQuiet}), so a file written through one blade is
 * found at once through any other. With {@code dci.vnas.index = sharded} (the default) the
 * file entries and stripe locations are handed to {@link ShardedIndex} instead (locations a
 * volume recorded here before are still read, and removed when unbound); stores, rules, drain
 * flags and locks stay here.
 */
public final class VnasIndex {
  private final ActorSystem<?> system;
  private final ActorRef<Replicator.Command> replicator;
  private final SelfUniqueAddress node;
  private final Duration timeout;
  private final IndexWriter writer;
  private final IndexQuiet quiet;
  /** When set, the entries live in the blades' index holders instead of Distributed Data. */
  private volatile ShardedIndex sharded;
  private static final java.util.concurrent.atomic.AtomicInteger SETTLINGS = new java.util.concurrent.atomic.AtomicInteger();

  /** {@code settle}: see {@link IndexQuiet}. */
  public VnasIndex(ActorSystem<?> system, Duration timeout, Duration settle) {
    this.system = system;
    this.replicator = DistributedData.get(system).replicator();
    this.node = DistributedData.get(system).selfUniqueAddress();
    this.timeout = timeout;
    this.writer = new IndexWriter(system, replicator, timeout);
    this.quiet = new IndexQuiet(settle);
    system.systemActorOf(IndexSettling.create(quiet), "vnas-index-settling-" + SETTLINGS.incrementAndGet(),
        org.apache.pekko.actor.typed.Props.empty());
  }

  /**
   * From now on the volume's entries are read and changed in {@code files} (the blades'
   * {@link IndexHolder}s, {@code dci.vnas.index = sharded}), and so are new stripe locations;
   * stores, rules, drain flags and locks stay in Distributed Data. Entries already in
   * Distributed Data are carried across by {@link IndexMigration}; locations recorded there are
   * read beside the sharded ones.
   */
  public void shardEntries(ShardedIndex files) {
    this.sharded = files;
  }

  /** True if the entries live in the blades' index holders. */
  public boolean sharded() {
    return sharded != null;
  }

  /** True if a lookup this blade misses may be answered "not found" without asking a majority. */
  boolean settled() {
    return quiet.settled(System.nanoTime(),
        org.apache.pekko.cluster.typed.Cluster.get(system).state().getUnreachable().isEmpty());
  }

  // ---- entries

  /** The entry at {@code path}; the root always exists. */
  public CompletionStage<Optional<VnasEntry>> get(VnasPath path) {
    if (path.isRoot()) {
      return CompletableFuture.completedFuture(Optional.of(VnasEntry.collection(path, 0)));
    }
    if (sharded != null) {
      return sharded.get(path);
    }
    var key = VnasKeys.filesOf(path);
    String k = path.toString();
    return read(key, Replicator.readLocal()).thenCompose(m -> {
      Optional<VnasEntry> found = m.flatMap(map -> lookup(map, k));
      if (settled() || !majorityReachable()) { // (with no majority to ask, this blade's copy is all there is)
        return found.isPresent() ? CompletableFuture.completedFuture(found) : legacy(path, false);
      }
      // a write made while some blade was unreachable reached only a majority: ask one, newest wins
      return majority(key, k, found).thenCompose(e -> e.isPresent() ? CompletableFuture.completedFuture(e)
          : legacy(path, true));
    });
  }

  /**
   * The entry {@code k} of {@code key} as a majority of blades (this one's copy merged in) has
   * it, a removal included; {@code local} if no majority answers in time.
   */
  private CompletionStage<Optional<VnasEntry>> majority(Key<LWWMap<String, VnasEntry>> key, String k,
      Optional<VnasEntry> local) {
    return ask(key, new Replicator.ReadMajority(timeout)).handle((rsp, err) -> {
      if (rsp instanceof Replicator.GetSuccess<LWWMap<String, VnasEntry>> ok) {
        return lookup(ok.get(key), k);
      }
      return rsp instanceof Replicator.NotFound ? Optional.<VnasEntry>empty() : local;
    });
  }

  /** True if the blades this one can reach make a majority of the members (a majority read can succeed). */
  private boolean majorityReachable() {
    var state = org.apache.pekko.cluster.typed.Cluster.get(system).state();
    int members = 0;
    for (var m : state.getMembers()) {
      if (m.status() == org.apache.pekko.cluster.MemberStatus.up()
          || m.status() == org.apache.pekko.cluster.MemberStatus.weaklyUp()) {
        members++;
      }
    }
    return members - state.getUnreachable().size() >= members / 2 + 1;
  }

  /** The entry at {@code path} in the first format's shards (this blade's copy, or a majority's). */
  private CompletionStage<Optional<VnasEntry>> legacy(VnasPath path, boolean fromMajority) {
    var key = VnasKeys.legacyFilesOf(path);
    return read(key, Replicator.readLocal()).thenCompose(m -> {
      Optional<VnasEntry> local = m.flatMap(map -> lookup(map, path.toString()));
      return fromMajority ? majority(key, path.toString(), local) : CompletableFuture.completedFuture(local);
    });
  }

  /** The entries directly below the collection {@code dir}. */
  public CompletionStage<List<VnasEntry>> children(VnasPath dir) {
    if (sharded != null) {
      return sharded.children(dir);
    }
    List<Key<LWWMap<String, VnasEntry>>> keys = new ArrayList<>(VnasKeys.childrenOf(dir));
    keys.add(VnasKeys.legacyChildrenOf(dir));
    return entries(keys).thenApply(all -> {
      List<VnasEntry> out = new ArrayList<>();
      all.forEach(e -> {
        if (!e.vnasPath().isRoot() && e.vnasPath().parent().equals(dir)) {
          out.add(e);
        }
      });
      out.sort(java.util.Comparator.comparing(VnasEntry::path));
      return out;
    });
  }

  /** Every entry of the volume (this blade's copy; sharded: read from every shard's holders). */
  public CompletionStage<List<VnasEntry>> all() {
    return sharded != null ? sharded.all() : replicatedEntries();
  }

  /** Every entry this blade's Distributed Data copy holds (sharded: those not carried across yet). */
  CompletionStage<List<VnasEntry>> replicatedEntries() {
    List<Key<LWWMap<String, VnasEntry>>> keys = new ArrayList<>(VnasKeys.allFiles());
    keys.addAll(VnasKeys.legacyFiles());
    return entries(keys);
  }

  /** The entries of these shards, one per path (the current format's over the first's). */
  private CompletionStage<List<VnasEntry>> entries(List<Key<LWWMap<String, VnasEntry>>> keys) {
    List<CompletableFuture<Optional<LWWMap<String, VnasEntry>>>> reads = new ArrayList<>();
    for (var key : keys) {
      reads.add(read(key, Replicator.readLocal()).toCompletableFuture());
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
      Map<String, VnasEntry> out = new java.util.LinkedHashMap<>();
      reads.forEach(r -> r.join().ifPresent(map -> map.getEntries().forEach(out::putIfAbsent)));
      return List.copyOf(out.values());
    });
  }

  /** Every entry at or below {@code root}, parents before children. */
  public CompletionStage<List<VnasEntry>> tree(VnasPath root) {
    return get(root).thenCompose(top -> {
      if (top.isEmpty()) {
        return CompletableFuture.completedFuture(List.<VnasEntry>of());
      }
      List<VnasEntry> out = new ArrayList<>();
      out.add(top.get());
      return top.get().collection() ? below(List.of(root), out) : CompletableFuture.completedFuture(out);
    });
  }

  /** Adds the members of {@code level} (collections) and of their sub-collections, level by level. */
  private CompletionStage<List<VnasEntry>> below(List<VnasPath> level, List<VnasEntry> out) {
    if (level.isEmpty()) {
      return CompletableFuture.completedFuture(out);
    }
    List<CompletableFuture<List<VnasEntry>>> reads = level.stream()
        .map(d -> children(d).toCompletableFuture()).toList();
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenCompose(v -> {
      List<VnasPath> next = new ArrayList<>();
      reads.forEach(r -> r.join().forEach(e -> {
        out.add(e);
        if (e.collection()) {
          next.add(e.vnasPath());
        }
      }));
      return below(next, out);
    });
  }

  /**
   * Applies {@code change} to the entry at {@code path} atomically on this blade: it gets
   * the current entry (or null) and returns the new one (or null to remove). An exception it
   * throws fails the returned stage with that exception and changes nothing. An entry still in
   * the first format's shards is moved to the current ones.
   */
  public CompletionStage<Done> change(VnasPath path, UnaryOperator<VnasEntry> change) {
    return sharded != null ? sharded.change(path, change) : replicatedChange(path, change);
  }

  /** {@link #change}, answering the entry as it is after it (empty: none). */
  public CompletionStage<Optional<VnasEntry>> update(VnasPath path, UnaryOperator<VnasEntry> change) {
    return sharded != null ? sharded.changed(path, change) : replicatedChange(path, change).thenCompose(d -> get(path));
  }

  /** {@link #change} in Distributed Data, whether the entries are sharded or not. */
  CompletionStage<Done> replicatedChange(VnasPath path, UnaryOperator<VnasEntry> change) {
    String k = path.toString();
    return legacy(path, false).thenCompose(old -> write(VnasKeys.filesOf(path), LWWMap.create(), map -> {
      VnasEntry now = lookup(map, k).orElse(old.orElse(null));
      VnasEntry next = change.apply(now);
      if (next == null) {
        return lookup(map, k).isEmpty() ? map : map.remove(node, k);
      }
      return map.put(node, k, next);
    }).thenCompose(d -> old.isEmpty() ? CompletableFuture.completedFuture(d)
        : write(VnasKeys.legacyFilesOf(path), LWWMap.<String, VnasEntry>create(), map -> map.remove(node, k))));
  }

  public CompletionStage<Done> put(VnasEntry entry) {
    return sharded != null ? sharded.put(entry) : change(entry.vnasPath(), old -> entry);
  }

  public CompletionStage<Done> remove(VnasPath path) {
    return sharded != null ? sharded.remove(path) : change(path, old -> null);
  }

  // ---- stripe locations

  /**
   * The blades said to hold stripe {@code hash}. With the sharded index, its location row, and
   * what Distributed Data still holds of a volume written before (read from this blade's copy,
   * never written to again but by {@link #unbind} and {@link #forget}).
   */
  public CompletionStage<Set<String>> holders(String hash) {
    if (sharded != null) {
      return sharded.locations().holders(hash).thenCombine(replicatedHolders(hash, true), VnasIndex::union);
    }
    return replicatedHolders(hash, false);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    if (b.isEmpty()) {
      return a;
    }
    Set<String> u = new java.util.TreeSet<>(a);
    u.addAll(b);
    return Set.copyOf(u);
  }

  /** The holders of {@code hash} in Distributed Data; {@code localOnly}: this blade's copy, never a majority. */
  private CompletionStage<Set<String>> replicatedHolders(String hash, boolean localOnly) {
    var key = VnasKeys.locationsOf(hash);
    return read(key, Replicator.readLocal())
        .thenCombine(read(VnasKeys.legacyLocationsOf(hash), Replicator.readLocal()), (now, old) -> {
          Set<String> found = new java.util.TreeSet<>(now.flatMap(map -> bindings(map, hash)).orElse(Set.of()));
          found.addAll(old.flatMap(map -> bindings(map, hash)).orElse(Set.of()));
          return found;
        })
        .thenCompose(found -> {
          if (!found.isEmpty() || localOnly || settled()) {
            return CompletableFuture.completedFuture(Set.copyOf(found));
          }
          return read(key, new Replicator.ReadMajority(timeout))
              .thenApply(mm -> mm.flatMap(map -> bindings(map, hash)).orElse(Set.of()));
        });
  }

  /** Every stripe's holders (this blade's copy; with the sharded index, its location rows and this blade's copy). */
  public CompletionStage<Map<String, Set<String>>> allHolders() {
    if (sharded != null) {
      return sharded.locations().all().thenCombine(replicatedAllHolders(), (rows, old) -> {
        if (old.isEmpty()) {
          return rows;
        }
        Map<String, Set<String>> out = new HashMap<>(old);
        rows.forEach((h, bs) -> out.merge(h, bs, VnasIndex::union));
        return out;
      });
    }
    return replicatedAllHolders();
  }

  private CompletionStage<Map<String, Set<String>>> replicatedAllHolders() {
    List<Key<ORMultiMap<String, String>>> keys = new ArrayList<>(VnasKeys.allLocations());
    keys.addAll(VnasKeys.legacyLocations());
    List<CompletableFuture<Optional<ORMultiMap<String, String>>>> reads = new ArrayList<>();
    for (var key : keys) {
      reads.add(read(key, Replicator.readLocal()).toCompletableFuture());
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
      Map<String, Set<String>> out = new HashMap<>();
      reads.forEach(r -> r.join().ifPresent(map -> map.getEntries().forEach((h, bs) -> out.merge(h, bs, (a, b) -> {
        Set<String> u = new java.util.TreeSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
      }))));
      return out;
    });
  }

  /** Records that {@code blades} hold stripe {@code hash}. */
  public CompletionStage<Done> bind(String hash, java.util.Collection<String> blades) {
    if (sharded != null) {
      return sharded.locations().bind(hash, blades);
    }
    return write(VnasKeys.locationsOf(hash), ORMultiMap.emptyWithValueDeltas(), map -> {
      ORMultiMap<String, String> m = map;
      for (String b : blades) {
        m = m.addBinding(node, hash, b);
      }
      return m;
    });
  }

  /** Records that {@code blade} no longer holds stripe {@code hash}. */
  public CompletionStage<Done> unbind(String hash, String blade) {
    if (sharded != null) {
      return sharded.locations().unbind(hash, blade).thenCompose(d -> replicatedHolders(hash, true)).thenCompose(old ->
          old.contains(blade) ? onLocations(hash, map -> map.removeBinding(node, hash, blade))
              : CompletableFuture.completedFuture(Done.getInstance()));
    }
    return onLocations(hash, map -> map.removeBinding(node, hash, blade));
  }

  /** Forgets stripe {@code hash} altogether (no file refers to it any more). */
  public CompletionStage<Done> forget(String hash) {
    if (sharded != null) {
      return sharded.locations().forget(hash).thenCompose(d -> replicatedHolders(hash, true)).thenCompose(old ->
          old.isEmpty() ? CompletableFuture.completedFuture(Done.getInstance())
              : onLocations(hash, map -> map.remove(node, hash)));
    }
    return onLocations(hash, map -> map.remove(node, hash));
  }

  /** Changes the stripe's row in the current shards, and in the first format's if it is there too. */
  private CompletionStage<Done> onLocations(String hash, UnaryOperator<ORMultiMap<String, String>> change) {
    var legacyKey = VnasKeys.legacyLocationsOf(hash);
    return write(VnasKeys.locationsOf(hash), ORMultiMap.emptyWithValueDeltas(), change)
        .thenCompose(d -> read(legacyKey, Replicator.readLocal()))
        .thenCompose(old -> old.flatMap(map -> bindings(map, hash)).isEmpty() ? CompletableFuture.completedFuture(Done.getInstance())
            : write(legacyKey, ORMultiMap.emptyWithValueDeltas(), change));
  }

  // ---- stores, draining, locks

  public CompletionStage<Map<String, StoreInfo>> stores() {
    return read(VnasKeys.STORES, Replicator.readLocal()).thenApply(m -> m.map(LWWMap::getEntries).orElse(Map.of()));
  }

  public CompletionStage<Done> publish(StoreInfo info) {
    return write(VnasKeys.STORES, LWWMap.create(), Replicator.writeLocal(), m -> m.put(node, info.blade(), info));
  }

  public CompletionStage<Set<String>> draining() {
    return read(VnasKeys.DRAINING, Replicator.readLocal()).thenApply(m -> m.map(map -> {
      Set<String> out = new java.util.TreeSet<>();
      map.getEntries().forEach((b, on) -> {
        if (Boolean.TRUE.equals(on)) {
          out.add(b);
        }
      });
      return (Set<String>) out;
    }).orElse(Set.of()));
  }

  public CompletionStage<Done> setDraining(String blade, boolean on) {
    return write(VnasKeys.DRAINING, LWWMap.create(), m -> on ? m.put(node, blade, true) : m.remove(node, blade));
  }

  /** The cluster-wide placement rules, by folder (this blade's copy: rules are written to every blade). */
  public CompletionStage<Map<String, VnasRule>> rules() {
    return read(VnasKeys.RULES, Replicator.readLocal()).thenApply(m -> m.map(LWWMap::getEntries).orElse(Map.of()));
  }

  /** Sets (or replaces) the rule of {@code rule.folder()} on every blade (a majority if some are unreachable). */
  public CompletionStage<Done> putRule(VnasRule rule) {
    return write(VnasKeys.RULES, LWWMap.create(), m -> m.put(node, rule.folder(), rule));
  }

  /** Removes the cluster rule of {@code folder}. */
  public CompletionStage<Done> removeRule(String folder) {
    return write(VnasKeys.RULES, LWWMap.create(), m -> m.remove(node, folder));
  }

  public CompletionStage<Map<String, VnasLock>> locks() {
    return read(VnasKeys.LOCKS, Replicator.readLocal()).thenApply(m -> m.map(LWWMap::getEntries).orElse(Map.of()));
  }

  /**
   * The lock table as a majority of blades know it (their merge), for a new lock owner; this
   * blade's copy when no majority answers (a lone blade, or the rest unreachable).
   */
  public CompletionStage<Map<String, VnasLock>> locksFromMajority() {
    var key = VnasKeys.LOCKS;
    return ask(key, new Replicator.ReadMajority(timeout)).thenCompose(rsp -> {
      if (rsp instanceof Replicator.GetSuccess<LWWMap<String, VnasLock>> ok) {
        return CompletableFuture.completedFuture(ok.get(key).getEntries());
      }
      if (rsp instanceof Replicator.NotFound) {
        return CompletableFuture.completedFuture(Map.<String, VnasLock>of());
      }
      return locks();
    });
  }

  /** Applies {@code change} to the lock table atomically on this blade (throw to refuse). */
  public CompletionStage<Done> changeLocks(UnaryOperator<Map<String, VnasLock>> change) {
    return write(VnasKeys.LOCKS, LWWMap.create(), map -> {
      Map<String, VnasLock> before = map.getEntries();
      Map<String, VnasLock> after = change.apply(new HashMap<>(before));
      LWWMap<String, VnasLock> m = map;
      for (String t : before.keySet()) {
        if (!after.containsKey(t)) {
          m = m.remove(node, t);
        }
      }
      for (var e : after.entrySet()) {
        if (!e.getValue().equals(before.get(e.getKey()))) {
          m = m.put(node, e.getKey(), e.getValue());
        }
      }
      return m;
    });
  }

  // ---- plumbing

  private static Optional<VnasEntry> lookup(LWWMap<String, VnasEntry> map, String k) {
    scala.Option<VnasEntry> o = map.get(k);
    return o.isDefined() ? Optional.of(o.get()) : Optional.empty();
  }

  private static Optional<Set<String>> bindings(ORMultiMap<String, String> map, String hash) {
    var o = map.get(hash);
    if (o.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Set.copyOf(scala.jdk.javaapi.CollectionConverters.asJava(o.get())));
  }

  private <A extends ReplicatedData> CompletionStage<Optional<A>> read(Key<A> key,
      Replicator.ReadConsistency consistency) {
    return ask(key, consistency)
        .thenApply(rsp -> rsp instanceof Replicator.GetSuccess<A> ok ? Optional.of(ok.get(key)) : Optional.empty());
  }

  private <A extends ReplicatedData> CompletionStage<Replicator.GetResponse<A>> ask(Key<A> key,
      Replicator.ReadConsistency consistency) {
    return AskPattern.<Replicator.Command, Replicator.GetResponse<A>>ask(replicator,
        r -> new Replicator.Get<>(key, consistency, r), timeout.plusSeconds(2), system.scheduler());
  }

  /**
   * Index writes go to every blade while all are reachable (so a lookup anywhere sees them at
   * once), else to a majority (a down blade must not stall writes; the rest hear by gossip).
   * Changes of one key asked for while an earlier one is in flight go out together.
   */
  private <A extends ReplicatedData> CompletionStage<Done> write(Key<A> key, A empty, UnaryOperator<A> modify) {
    return writer.write(key, empty, () -> {
      var state = org.apache.pekko.cluster.typed.Cluster.get(system).state();
      return state.getUnreachable().isEmpty() ? new Replicator.WriteAll(timeout) : new Replicator.WriteMajority(timeout);
    }, modify);
  }

  /** The stores' figures as a majority of blades know them (when this blade's copy lacks one). */
  public CompletionStage<Map<String, StoreInfo>> storesFromMajority() {
    return read(VnasKeys.STORES, new Replicator.ReadMajority(timeout))
        .thenApply(m -> m.map(LWWMap::getEntries).orElse(Map.of()));
  }

  private <A extends ReplicatedData> CompletionStage<Done> write(Key<A> key, A empty,
      Replicator.WriteConsistency consistency, UnaryOperator<A> modify) {
    return AskPattern.<Replicator.Command, Replicator.UpdateResponse<A>>ask(replicator,
            r -> new Replicator.Update<>(key, empty, consistency, r, modify::apply), timeout.plusSeconds(2),
            system.scheduler())
        .thenCompose(rsp -> {
          if (rsp instanceof Replicator.UpdateSuccess || rsp instanceof Replicator.UpdateTimeout) {
            // a timeout still leaves the change on this blade (durably) and gossiped to the rest
            return CompletableFuture.completedFuture(Done.getInstance());
          }
          if (rsp instanceof Replicator.ModifyFailure<A> f) {
            return CompletableFuture.failedFuture(f.cause());
          }
          return CompletableFuture.failedFuture(new IllegalStateException("index write failed: " + rsp));
        });
  }
}
