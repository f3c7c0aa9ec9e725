package dci.storage.vnas;

import dci.storage.vnas.IndexStore.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * A blade's holder of its share of the location index ({@link IndexStore}): one a blade, at
 * {@code /user/}{@link #NAME}, so the holders of a directory shard are the first r of the blades
 * {@link HolderRoster} counts, in the shard's rendezvous ranking ({@link HolderView}).
 *
 * <ul>
 *   <li>The first holder of a shard decides its changes ({@link Decide}): it first takes the
 *       row as the other holders have it (it may have just become first), then stamps the change
 *       above it, stores it and sends it to the other holders, and answers once they stored it.
 *   <li>Any holder answers reads of rows and pages of a directory, tombstones included, so a
 *       reader can take the newest of the holders' answers.
 *   <li>After the holders change, and then every {@code syncEvery}, it hands the rows of shards it
 *       no longer holds (or decided while it saw fewer blades) to their holders and drops them,
 *       then compares the digest of every shard it shares with another holder and takes, a page
 *       at a time, the rows of those that differ: a new holder fills its shards, a holder that
 *       missed changes catches up.
 * </ul>
 *
 * <p>All store work runs on {@code io}; the actor only keeps the view and starts the work.
 */
public final class IndexHolder extends AbstractBehavior<IndexHolder.Command> {
  /** Its name under {@code /user} on every blade, where {@link HolderRoster} finds it. */
  public static final String NAME = "vnas-index-holder";
  /** Rows a page of a directory or a shard. */
  static final int PAGE = 512;
  /** Shards a digest request. */
  private static final int DIGESTS = 512;
  private static final Duration ASK = Duration.ofSeconds(5);

  public interface Command extends dci.protocol.DciSerializable {}

  /** Makes {@code entry} (null: a removal) the row at {@code path}; {@code expect} 0 or more: only if the row is at that stamp. */
  public record Decide(String path, VnasEntry entry, long expect, ActorRef<Decided> replyTo) implements Command {}

  public enum Outcome { DONE, CONFLICT, NOT_FIRST, FAILED }

  /** DONE: {@code row} as stored on {@code copies} holders; CONFLICT: {@code row} as it is (null: none). */
  public record Decided(Outcome outcome, Row row, int copies, String error) implements dci.protocol.DciSerializable {}

  /** Stores rows the first holder decided, or a holder's page during a fill. */
  public record Replicate(List<Row> rows, ActorRef<Replicated> replyTo) implements Command {}

  public record Replicated(int applied) implements dci.protocol.DciSerializable {}

  public record Read(String path, ActorRef<RowRead> replyTo) implements Command {}

  /** The row, a tombstone included; null if the holder never heard of the path. */
  public record RowRead(Row row) implements dci.protocol.DciSerializable {}

  /** Up to {@code max} rows below {@code dir} after the name {@code after} (null: the first). */
  public record ListRows(String dir, String after, int max, ActorRef<Page> replyTo) implements Command {}

  /** Up to {@code max} rows of {@code shard} after the row at {@code after} (null: the first). */
  public record ShardRows(int shard, String after, int max, ActorRef<Page> replyTo) implements Command {}

  public record Page(List<Row> rows) implements dci.protocol.DciSerializable {}

  /**
   * The rows of the shards in {@code shards} (a {@link java.util.BitSet}'s words: those the asker
   * sees this holder decide), from the key after {@code after} (null: the first).
   */
  public record LedRows(long[] shards, String after, ActorRef<Scanned> replyTo) implements Command {}

  /** A page of rows; {@code next}: the key to ask on from, null at the end. */
  public record Scanned(List<Row> rows, String next) implements dci.protocol.DciSerializable {}

  /** One digest of all the shards in {@code shards} (a {@link java.util.BitSet}'s words) together. */
  public record LedDigest(long[] shards, ActorRef<IndexStore.Digest> replyTo) implements Command {}

  public record Digests(List<Integer> shards, ActorRef<DigestList> replyTo) implements Command {}

  public record DigestList(List<IndexStore.Digest> digests) implements dci.protocol.DciSerializable {}

  private record ViewChanged(HolderView view) implements Command {}

  private enum Tick implements Command { INSTANCE }

  private record Synced(int pulled, Throwable failure) implements Command {}

  private final IndexStore store;
  private final Executor io;
  private final Address self;
  private final String selfName;
  private final ActorSystem<?> system;
  private final HolderRoster roster;
  private HolderView view;
  private boolean syncing;
  private boolean syncAgain;

  private IndexHolder(ActorContext<Command> context, IndexStore store, Executor io, HolderRoster roster) {
    super(context);
    this.store = store;
    this.io = io;
    this.system = context.getSystem();
    this.self = Cluster.get(system).selfMember().address();
    this.selfName = self.toString();
    this.roster = roster;
    this.view = roster.view();
    roster.subscribe(context.messageAdapter(HolderView.class, ViewChanged::new));
  }

  /**
   * The holder of {@code store}, the holders it shares shards with counted by {@code roster},
   * its shards compared every {@code syncEvery}; spawn it as {@link #NAME} under {@code /user}.
   */
  public static Behavior<Command> create(IndexStore store, Executor io, HolderRoster roster, Duration syncEvery) {
    // a failure in the holder itself restarts it: it learns the holders again
    return Behaviors.supervise(Behaviors.<Command>setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.INSTANCE, syncEvery);
      return new IndexHolder(ctx, store, io, roster);
    }))).onFailure(org.apache.pekko.actor.typed.SupervisorStrategy.restart());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Decide.class, this::onDecide)
        .onMessage(Replicate.class, this::onReplicate)
        .onMessage(Read.class, this::onRead)
        .onMessage(ListRows.class, this::onListRows)
        .onMessage(ShardRows.class, this::onShardRows)
        .onMessage(Digests.class, this::onDigests)
        .onMessage(LedRows.class, this::onLedRows)
        .onMessage(LedDigest.class, this::onLedDigest)
        .onMessage(ViewChanged.class, this::onViewChanged)
        .onMessageEquals(Tick.INSTANCE, this::startSync)
        .onMessage(Synced.class, this::onSynced)
        .build();
  }

  private Behavior<Command> onDecide(Decide m) {
    VnasPath path = VnasPath.parse(m.path());
    List<ActorRef<Command>> holders = view.reachable(IndexStore.shardOf(path.parent()), unreachableNow());
    if (holders.isEmpty() || !holders.get(0).equals(getContext().getSelf())) {
      m.replyTo().tell(new Decided(Outcome.NOT_FIRST, null, 0, null));
      return this;
    }
    List<ActorRef<Command>> others = holders.subList(1, holders.size());
    var unreachable = unreachableNow();
    List<ActorRef<Command>> rest = view.holders().values().stream()
        .filter(h -> !holders.contains(h) && !unreachable.contains(h.path().address())).toList();
    // settled (the holders and every blade's reachability unchanged for a while), this holder
    // decided every change of the shard and has its newest row: no need to ask the others first
    boolean settled = roster.settled(system);
    List<ActorRef<Command>> elsewhere = settled ? view.holders().values().stream()
        .filter(h -> !h.equals(getContext().getSelf()) && !unreachable.contains(h.path().address())).toList() : rest;
    (settled ? CompletableFuture.<java.util.Optional<Row>>completedFuture(java.util.Optional.empty())
        : HolderCalls.newest(others, path, system))
        .thenComposeAsync(theirs -> {
          theirs.ifPresent(store::merge);
          // the asker saw a newer row than this holder has: one a blade decided while it saw
          // fewer blades, not handed over yet; take it from wherever it is
          long at = store.get(path).map(Row::stamp).orElse(0L);
          return m.expect() > at ? HolderCalls.newest(elsewhere, path, system)
              .thenAcceptAsync(stray -> stray.ifPresent(store::merge), io)
              : CompletableFuture.completedFuture(null);
        }, io)
        // the decision's commit makes what it caught up with durable too
        .thenComposeAsync(caughtUp -> store.decide(path, m.entry(), m.expect(), clock()), io)
        .thenCompose(row -> HolderCalls.replicate(others, List.of(row), system)
            .thenApply(copies -> new Decided(Outcome.DONE, row, copies + 1, null)))
        .whenComplete((d, e) -> m.replyTo().tell(d != null ? d
            : unwrap(e) instanceof IndexStore.Conflict c ? new Decided(Outcome.CONFLICT, c.current(), 0, null)
            : failed(m.path(), unwrap(e))));
    return this;
  }

  private Decided failed(String path, Throwable e) {
    org.slf4j.LoggerFactory.getLogger(IndexHolder.class).warn("index holder: the change of {} failed", path, e);
    return new Decided(Outcome.FAILED, null, 0, String.valueOf(e.getMessage()));
  }

  private java.util.Set<Address> unreachableNow() {
    return HolderView.unreachable(system);
  }

  /** Microseconds since the epoch: a stamp above every earlier change's, unless the clock went back. */
  private static long clock() {
    return System.currentTimeMillis() * 1000;
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  private Behavior<Command> onReplicate(Replicate m) {
    CompletableFuture.supplyAsync(() -> {
          List<CompletionStage<Boolean>> all = new ArrayList<>();
          m.rows().forEach(row -> all.add(store.apply(row)));
          return all;
        }, io)
        .thenCompose(all -> CompletableFuture.allOf(all.stream().map(CompletionStage::toCompletableFuture)
            .toArray(CompletableFuture[]::new)).thenApply(v -> (int) all.stream()
            .filter(s -> s.toCompletableFuture().join()).count()))
        .thenAccept(n -> m.replyTo().tell(new Replicated(n)));
    return this;
  }

  private Behavior<Command> onRead(Read m) {
    CompletableFuture.supplyAsync(() -> store.get(VnasPath.parse(m.path())).orElse(null), io)
        .thenAccept(row -> m.replyTo().tell(new RowRead(row)));
    return this;
  }

  private Behavior<Command> onListRows(ListRows m) {
    int max = Math.min(Math.max(1, m.max()), PAGE);
    CompletableFuture.supplyAsync(() -> store.childRows(VnasPath.parse(m.dir()), m.after(), max), io)
        .thenAccept(rows -> m.replyTo().tell(new Page(rows)));
    return this;
  }

  private Behavior<Command> onShardRows(ShardRows m) {
    int max = Math.min(Math.max(1, m.max()), PAGE);
    CompletableFuture.supplyAsync(() -> store.rows(m.shard(), m.after() == null ? null : VnasPath.parse(m.after()), max), io)
        .thenAccept(rows -> m.replyTo().tell(new Page(rows)));
    return this;
  }

  private Behavior<Command> onLedRows(LedRows m) {
    java.util.BitSet mine = java.util.BitSet.valueOf(m.shards());
    CompletableFuture.supplyAsync(() -> store.scan(m.after(), PAGE, mine::get), io)
        .thenAccept(scan -> m.replyTo().tell(new Scanned(scan.rows(), scan.next())));
    return this;
  }

  private Behavior<Command> onLedDigest(LedDigest m) {
    java.util.BitSet shards = java.util.BitSet.valueOf(m.shards());
    CompletableFuture.supplyAsync(() -> store.digest(shards), io).thenAccept(m.replyTo()::tell);
    return this;
  }

  private Behavior<Command> onDigests(Digests m) {
    CompletableFuture.supplyAsync(() -> m.shards().stream().map(store::digest).toList(), io)
        .thenAccept(d -> m.replyTo().tell(new DigestList(d)));
    return this;
  }

  private Behavior<Command> onViewChanged(ViewChanged m) {
    view = m.view();
    return startSync();
  }

  private Behavior<Command> startSync() {
    if (syncing) {
      syncAgain = true;
      return this;
    }
    syncing = true;
    syncAgain = false;
    HolderView v = view;
    getContext().pipeToSelf(HolderCalls.handOff(v, selfName, store, io, system)
        .thenCompose(handed -> HolderCalls.pullDiffering(v, selfName, store, io, DIGESTS, system)
            .thenApply(pulled -> handed + pulled)), (n, e) -> new Synced(n == null ? 0 : n, e));
    return this;
  }

  private Behavior<Command> onSynced(Synced m) {
    syncing = false;
    if (m.failure() != null) {
      getContext().getLog().warn("index holder: comparing shards with the other holders failed: {}", m.failure().toString());
    }
    return syncAgain ? startSync() : this;
  }

  /** Asks with the holders' timeout. */
  static <Q, A> CompletionStage<A> ask(ActorRef<Q> to, java.util.function.Function<ActorRef<A>, Q> msg, ActorSystem<?> system) {
    return AskPattern.ask(to, msg::apply, ASK, system.scheduler());
  }
}
