package dci.storage.vnas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The keeper of one blade's share of the volume. Every pass it compares the index with the
 * membership and its own disk ({@link KeeperPlan}) and acts on what it is responsible for:
 * re-replicates stripes that lost a replica with a Down blade, moves stripes to a new blade
 * (rebalancing) or off a draining one, refetches stripes it should hold, and deletes copies
 * no file needs after a grace period. On request it scrubs: verifies every local stripe and
 * repairs corrupt ones from a replica. Registered with the receptionist so any blade can ask
 * every keeper to scrub.
 */
public final class Keeper extends AbstractBehavior<Keeper.Command> {
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "dci-vnas-keeper");
  private static final int MAX_ACTIONS = 256;

  public interface Command extends dci.protocol.DciSerializable {}

  /** Runs a pass now; answers what it found and did. */
  public record RunPass(ActorRef<PassReport> replyTo) implements Command {}

  /** Verifies this blade's stripes and repairs the corrupt ones. */
  public record Scrub(ActorRef<ScrubResult> replyTo) implements Command {}

  public record PassReport(String blade, int stripes, int copied, int refetched, int dropped, int forgotten,
      int underReplicated, int unavailable, int refusedFull) implements dci.protocol.DciSerializable {}

  public record ScrubResult(String blade, int checked, int corrupt, int missing, int repaired, List<String> unrepaired)
      implements dci.protocol.DciSerializable {}

  private enum Tick implements Command { INSTANCE }

  private record PassOutcome(PassReport report, Map<String, Long> unneededSince, Set<String> refusedFull) {}

  /** How long a blade that refused a copy for want of room is passed over (unless its figures show room). */
  private static final long FULL_MEMORY_MS = 5 * 60_000;

  private record PassDone(PassOutcome outcome, Throwable failure, List<ActorRef<PassReport>> waiting)
      implements Command {}

  private record ScrubDone(ScrubResult result, Throwable failure, ActorRef<ScrubResult> replyTo) implements Command {}

  private final VnasVolume volume;
  private final ActorRef<StripeStore.Command> store;
  private final HotFiles hot;
  private final LiveBlades live;
  private final org.apache.pekko.actor.typed.ActorSystem<?> system;
  private final Map<String, Long> unneededSince = new HashMap<>();
  /** Blades that refused a copy as full, and when. */
  private final Map<String, Long> refusedFullAt = new HashMap<>();
  private boolean running;
  private final List<ActorRef<PassReport>> waiting = new ArrayList<>();

  private Keeper(ActorContext<Command> context, VnasVolume volume, ActorRef<StripeStore.Command> store, HotFiles hot,
      LiveBlades live) {
    super(context);
    this.volume = volume;
    this.store = store;
    this.hot = hot;
    this.live = live;
    this.system = context.getSystem();
    context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
  }

  public static Behavior<Command> create(VnasVolume volume, ActorRef<StripeStore.Command> store, HotFiles hot,
      LiveBlades live) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.INSTANCE, volume.settings().keeperInterval());
      return new Keeper(ctx, volume, store, hot, live);
    }));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Tick.INSTANCE, () -> startPass(null))
        .onMessage(RunPass.class, m -> startPass(m.replyTo()))
        .onMessage(PassDone.class, this::onPassDone)
        .onMessage(Scrub.class, this::onScrub)
        .onMessage(ScrubDone.class, this::onScrubDone)
        .build();
  }

  private Behavior<Command> startPass(ActorRef<PassReport> replyTo) {
    if (replyTo != null) {
      waiting.add(replyTo);
    }
    if (running) {
      return this;
    }
    running = true;
    List<ActorRef<PassReport>> these = List.copyOf(waiting);
    waiting.clear();
    Map<String, Long> since = Map.copyOf(unneededSince);
    long now = System.currentTimeMillis();
    refusedFullAt.values().removeIf(t -> now - t > FULL_MEMORY_MS);
    getContext().pipeToSelf(pass(since, Set.copyOf(refusedFullAt.keySet())), (r, f) -> new PassDone(r, f, these));
    return this;
  }

  private Behavior<Command> onPassDone(PassDone m) {
    running = false;
    PassReport r;
    if (m.failure() != null) {
      getContext().getLog().warn("vnas keeper pass failed: {}", m.failure().toString());
      r = new PassReport(volume.stripes().self(), 0, 0, 0, 0, 0, -1, -1, 0);
    } else {
      r = m.outcome().report();
      unneededSince.clear();
      unneededSince.putAll(m.outcome().unneededSince());
      long now = System.currentTimeMillis();
      m.outcome().refusedFull().forEach(b -> refusedFullAt.put(b, now));
    }
    m.waiting().forEach(w -> w.tell(r));
    if (!waiting.isEmpty()) {
      return startPass(null);
    }
    return this;
  }

  /** One pass; the actor's own bookkeeping is updated from its outcome, in PassDone. */
  private CompletionStage<PassOutcome> pass(Map<String, Long> since, Set<String> refusedFull) {
    VnasIndex index = volume.index();
    String self = volume.stripes().self();
    CompletionStage<StripeStore.Inventory> inventory = AskPattern.ask(store, StripeStore.GetInventory::new,
        Duration.ofSeconds(30), system.scheduler());
    return index.stores().thenCompose(stores -> index.rules().thenCompose(rules -> index.all().thenCompose(entries -> index.allHolders().thenCompose(holders ->
        volume.stripes().candidates().thenCompose(cands -> inventory.thenCompose(inv -> {
          long now = System.currentTimeMillis();
          Set<String> referenced = new HashSet<>();
          entries.forEach(e -> e.stripes().forEach(s -> referenced.add(s.hash())));
          Set<String> stale = new HashSet<>();
          Map<String, Long> nextSince = new HashMap<>();
          for (String h : inv.stripes().keySet()) {
            boolean needed = referenced.contains(h) && holders.getOrDefault(h, Set.of()).contains(self);
            if (!needed) {
              long first = since.getOrDefault(h, now);
              nextSince.put(h, first);
              if (now - first >= volume.settings().gcGrace().toMillis()) {
                stale.add(h);
              }
            }
          }
          hot.cool();
          Set<String> pinned = new HashSet<>();
          inv.stripes().keySet().forEach(h -> {
            if (hot.pinned(h)) {
              pinned.add(h);
            }
          });
          Set<String> full = new HashSet<>(refusedFull);
          stores.values().forEach(st -> {
            if (st.free() < volume.settings().stripeSize()) {
              full.add(st.blade());
            }
          });
          KeeperPlan plan = KeeperPlan.of(new KeeperPlan.Inputs(self, entries, holders, cands, live.up(),
              inv.stripes().keySet(), pinned, stale, full, volume.settings().withRules(rules.values())));
          Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
          return act(plan, refused).thenApply(counts -> new PassOutcome(new PassReport(self, referenced.size(),
              counts[0], counts[1], counts[2], counts[3], plan.underReplicated(), plan.unavailable(), counts[4]), nextSince,
              Set.copyOf(refused)));
        }))))));
  }

  private CompletionStage<int[]> act(KeeperPlan plan, Set<String> refusedFull) {
    Stripes stripes = volume.stripes();
    VnasIndex index = volume.index();
    int[] counts = new int[5];
    List<java.util.function.Supplier<CompletionStage<Done>>> actions = new ArrayList<>();
    plan.copies().forEach((hash, targets) -> actions.add(() -> stripes.fetchLocal(hash).thenCompose(res -> {
      if (!(res instanceof StripeStore.Found f)) {
        return CompletableFuture.completedFuture(Done.getInstance());
      }
      return index.stores().thenCompose(st -> {
        List<CompletableFuture<String>> puts = targets.stream().map(t -> stripes.storeOn(t, st, hash, f.bytes())
            .thenApply(o -> {
              if (o == StripeClient.PutOutcome.FULL) {
                refusedFull.add(t);
                synchronized (counts) {
                  counts[4]++;
                }
              }
              return o == StripeClient.PutOutcome.STORED ? t : null;
            }).toCompletableFuture()).toList();
        return CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).thenCompose(v -> {
          List<String> ok = puts.stream().map(CompletableFuture::join).filter(java.util.Objects::nonNull).toList();
          synchronized (counts) {
            counts[0] += ok.size();
          }
          return ok.isEmpty() ? CompletableFuture.completedFuture(Done.getInstance()) : index.bind(hash, ok);
        });
      });
    })));
    plan.refetch().forEach(hash -> actions.add(() -> refetch(hash).thenApply(ok -> {
      if (ok) {
        synchronized (counts) {
          counts[1]++;
        }
      }
      return Done.getInstance();
    })));
    plan.drop().forEach(hash -> actions.add(() -> index.unbind(hash, stripes.self())
        .thenCompose(d -> AskPattern.<StripeStore.Command, Done>ask(store, r -> new StripeStore.Drop(hash, r),
            Duration.ofSeconds(30), system.scheduler()))
        .thenApply(d -> {
          synchronized (counts) {
            counts[2]++;
          }
          return d;
        })));
    plan.forget().forEach(hash -> actions.add(() -> index.forget(hash).thenApply(d -> {
      synchronized (counts) {
        counts[3]++;
      }
      return d;
    })));
    return Source.from(actions.subList(0, Math.min(actions.size(), MAX_ACTIONS)))
        .mapAsyncUnordered(4, a -> a.get().exceptionally(e -> Done.getInstance()))
        .runWith(Sink.ignore(), system)
        .thenApply(d -> counts);
  }

  /** Gets a stripe this blade should hold back from a replica; true if it is held again. */
  private CompletionStage<Boolean> refetch(String hash) {
    Stripes stripes = volume.stripes();
    return stripes.fetchRemote(hash, Set.of(stripes.self()))
        .thenCompose(b -> volume.index().stores().thenCompose(st -> stripes.storeOn(stripes.self(), st, hash, b)))
        .thenApply(o -> o == StripeClient.PutOutcome.STORED)
        .exceptionally(e -> false);
  }

  private Behavior<Command> onScrub(Scrub m) {
    String self = volume.stripes().self();
    CompletionStage<ScrubResult> result = AskPattern.<StripeStore.Command, StripeStore.ScrubReport>ask(store,
            StripeStore.Scrub::new, Duration.ofMinutes(30), system.scheduler())
        .thenCompose(report -> volume.index().allHolders().thenCompose(holders ->
            AskPattern.<StripeStore.Command, StripeStore.Inventory>ask(store, StripeStore.GetInventory::new,
                Duration.ofSeconds(30), system.scheduler()).thenCompose(inv -> {
                  List<String> toRepair = new ArrayList<>(report.corrupt());
                  int missing = 0;
                  for (var e : holders.entrySet()) {
                    if (e.getValue().contains(self) && !inv.stripes().containsKey(e.getKey())
                        && !report.corrupt().contains(e.getKey())) {
                      toRepair.add(e.getKey());
                      missing++;
                    }
                  }
                  int missingCount = missing;
                  return Source.from(toRepair)
                      .mapAsync(2, h -> refetch(h).thenApply(ok -> ok ? "" : h))
                      .runWith(Sink.seq(), system)
                      .thenApply(results -> {
                        List<String> failed = results.stream().filter(s -> !s.isEmpty()).toList();
                        return new ScrubResult(self, report.checked(), report.corrupt().size(), missingCount,
                            toRepair.size() - failed.size(), failed);
                      });
                })));
    getContext().pipeToSelf(result, (r, f) -> new ScrubDone(r, f, m.replyTo()));
    return this;
  }

  private Behavior<Command> onScrubDone(ScrubDone m) {
    if (m.failure() != null) {
      m.replyTo().tell(new ScrubResult(volume.stripes().self(), 0, 0, 0, 0,
          List.of("scrub failed: " + m.failure().getMessage())));
    } else {
      m.replyTo().tell(m.result());
    }
    return this;
  }
}
