package dci.storage.vnas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.util.ByteString;

/**
 * Stores stripes on r blades chosen by {@link Placement} and reads them back from whichever
 * replica answers: this blade's own store first, then its cache, then the holders the index
 * names, then any other live store (the index may lag behind a move).
 */
public final class Stripes {
  private final ActorSystem<?> system;
  private final String self;
  private final ActorRef<StripeStore.Command> local;
  private final StripeClient client;
  private final VnasIndex index;
  private final LiveBlades live;
  private final StripeCache cache;
  private final Duration timeout;

  public Stripes(ActorSystem<?> system, String self, ActorRef<StripeStore.Command> local, StripeClient client,
      VnasIndex index, LiveBlades live, StripeCache cache, Duration timeout) {
    this.system = system;
    this.self = self;
    this.local = local;
    this.client = client;
    this.index = index;
    this.live = live;
    this.cache = cache;
    this.timeout = timeout;
  }

  public String self() {
    return self;
  }

  public VnasIndex index() {
    return index;
  }

  /** The HTTP client stripes to and from other blades go through (and its sent-bytes count). */
  public StripeClient client() {
    return client;
  }

  /** Fewer than r blades would take the stripe; {@code full} when they refused for want of room. */
  public static final class NoRoomException extends RuntimeException {
    private final boolean full;

    public NoRoomException(String message, boolean full) {
      super(message);
      this.full = full;
    }

    public boolean full() {
      return full;
    }
  }

  /** A stripe no live replica could give intact. */
  public static final class StripeUnavailableException extends RuntimeException {
    public StripeUnavailableException(String hash) {
      super("no live blade has an intact copy of stripe " + hash);
    }
  }

  /** Live, non-draining stores, weighted by the bytes they contribute. */
  public CompletionStage<List<Placement.Candidate>> candidates() {
    Set<String> up = live.up();
    return knownStores(up).thenCombine(index.draining(), (stores, draining) -> candidates(up, stores, draining));
  }

  private static List<Placement.Candidate> candidates(Set<String> up, Map<String, StoreInfo> stores,
      Set<String> draining) {
    List<Placement.Candidate> out = new ArrayList<>();
    stores.values().forEach(s -> {
      if (up.contains(s.blade()) && !draining.contains(s.blade()) && s.contributed() > 0) {
        out.add(new Placement.Candidate(s.blade(), s.dataCenter(), s.contributed()));
      }
    });
    return out;
  }

  /**
   * The stores this blade knows of; when one of {@code wanted} is missing from its own replica
   * (a blade that just joined, its entry still gossiping), merged with what a majority knows.
   */
  private CompletionStage<Map<String, StoreInfo>> knownStores(Set<String> wanted) {
    return index.stores().thenCompose(local ->
        local.keySet().containsAll(wanted) ? CompletableFuture.completedFuture(local)
            : index.storesFromMajority().thenApply(m -> {
              Map<String, StoreInfo> both = new java.util.HashMap<>(m);
              both.putAll(local);
              return both;
            }));
  }

  /**
   * Stores the stripe durably on {@code r} blades (fewer if fewer are live) and records
   * where; a blade that refuses is replaced by the next in rank. When two or more of them are
   * other blades, this blade sends one copy and each passes it on to the next (a blade that
   * misses it is then sent it directly), so a writer's uplink carries about one copy of the
   * data instead of r. Fails with
   * {@link NoRoomException} if not enough blades take it.
   */
  public CompletionStage<List<String>> store(String hash, ByteString bytes, int r) {
    return store(hash, bytes, r, System.nanoTime() + Math.min(timeout.toNanos(), STORES_WAIT.toNanos()), Set.of());
  }

  /** How often, and at most how long, a write looks again for the stores of blades just Up. */
  static final Duration STORES_RETRY = Duration.ofMillis(200);
  static final Duration STORES_WAIT = Duration.ofSeconds(5);

  /** One pass; {@code have}: the blades that stored it in an earlier pass (not sent it again). */
  private CompletionStage<List<String>> store(String hash, ByteString bytes, int r, long deadline, Set<String> have) {
    Set<String> up = live.up();
    return knownStores(up).thenCombine(index.draining(), (stores, draining) -> new Object[] {stores, draining})
        .thenCompose(pair -> {
          @SuppressWarnings("unchecked") Map<String, StoreInfo> stores = (Map<String, StoreInfo>) pair[0];
          @SuppressWarnings("unchecked") Set<String> draining = (Set<String>) pair[1];
          List<String> ranked = new ArrayList<>(Placement.rank(hash, candidates(up, stores, draining)));
          ranked.removeAll(have);
          // r, or every live blade that may take stripes if there are fewer: an Up blade whose
          // store this blade has not heard of yet counts (the write waits for it a little), one
          // known to contribute nothing does not
          Set<String> able = new java.util.HashSet<>(up);
          able.removeAll(draining);
          stores.values().stream().filter(s -> s.contributed() <= 0).forEach(s -> able.remove(s.blade()));
          int want = Math.max(1, Math.min(r, able.size()));
          if (ranked.size() + have.size() < want && System.nanoTime() < deadline) {
            return after(STORES_RETRY).thenCompose(v -> store(hash, bytes, r, deadline, have));
          }
          if (ranked.isEmpty() && have.isEmpty()) {
            return CompletableFuture.failedFuture(new NoRoomException("no live blade contributes storage", false));
          }
          List<String> first = ranked.subList(0, Math.min(Math.max(0, want - have.size()), ranked.size()));
          List<String> stored = Collections.synchronizedList(new ArrayList<>(have));
          AtomicInteger next = new AtomicInteger(first.size());
          AtomicBoolean full = new AtomicBoolean();
          AtomicBoolean failed = new AtomicBoolean();
          // two or more other blades: one copy goes out, each passes it on to the next
          List<String> chain = first.stream().filter(b -> !b.equals(self)).toList();
          List<CompletableFuture<Void>> lanes = Collections.synchronizedList(new ArrayList<>());
          if (first.contains(self)) { // this blade's own copy meanwhile
            lanes.add(lane(self, ranked, next, stored, full, failed, hash, bytes, stores).toCompletableFuture());
          }
          CompletionStage<StripeClient.ChainOutcome> chained = chain.size() < 2
              ? CompletableFuture.completedFuture(null) : storeAlong(chain, stores, hash, bytes);
          return chained.thenCompose(c -> {
            for (String b : chain) {
              boolean head = c != null && b.equals(chain.get(0));
              if (c != null && (head ? c.outcome() == StripeClient.PutOutcome.STORED : c.passedOn().contains(b))) {
                stored.add(b);
              } else if (head) { // it refused: its lane goes on with the next in rank
                (c.outcome() == StripeClient.PutOutcome.FULL ? full : failed).set(true);
                int n = next.getAndIncrement();
                if (n < ranked.size()) {
                  lanes.add(lane(ranked.get(n), ranked, next, stored, full, failed, hash, bytes, stores)
                      .toCompletableFuture());
                }
              } else { // not chained, or the chain did not reach it: sent directly
                lanes.add(lane(b, ranked, next, stored, full, failed, hash, bytes, stores).toCompletableFuture());
              }
            }
            return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new));
          }).thenCompose(v -> {
            if (stored.size() < want && failed.get() && System.nanoTime() < deadline) {
              // a blade just Up may refuse for a moment (no token key yet): another pass, after
              // a pause, to the blades that do not hold it yet
              return after(STORES_RETRY).thenCompose(x -> store(hash, bytes, r, deadline, Set.copyOf(stored)));
            }
            if (stored.size() < want) {
              boolean noRoom = full.get() && !failed.get(); // full only if room was all that was missing
              return CompletableFuture.failedFuture(new NoRoomException("only " + stored.size() + " of " + want
                  + " blades could store a stripe" + (noRoom ? ": the volume is full" : ""), noRoom));
            }
            return index.bind(hash, stored).thenApply(d -> List.copyOf(stored));
          });
        });
  }

  private static CompletableFuture<Void> after(Duration d) {
    return CompletableFuture.runAsync(() -> { },
        CompletableFuture.delayedExecutor(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
  }

  /** Most blades a chained PUT is passed on to. */
  static final int MAX_CHAIN = 8;

  /**
   * Sends the stripe to the first blade of {@code chain} over HTTP, asking it to pass it on
   * along the rest (see {@link StripeClient#put(String, String, ByteString, List)}).
   */
  private CompletionStage<StripeClient.ChainOutcome> storeAlong(List<String> chain, Map<String, StoreInfo> stores,
      String hash, ByteString bytes) {
    StoreInfo info = stores.get(chain.get(0));
    if (info == null) {
      return CompletableFuture.completedFuture(new StripeClient.ChainOutcome(StripeClient.PutOutcome.FAILED, List.of()));
    }
    return client.put(info.api(), hash, bytes, chain.subList(1, chain.size()));
  }

  /**
   * For a chained PUT this blade received: passes the stripe on along {@code then} (this blade
   * and repeats left out, at most {@link #MAX_CHAIN}); answers the blades that stored it.
   */
  public CompletionStage<List<String>> passOn(List<String> then, String hash, ByteString bytes) {
    List<String> chain = then.stream().filter(b -> !b.equals(self)).distinct().limit(MAX_CHAIN).toList();
    if (chain.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return knownStores(Set.copyOf(chain)).thenCompose(stores -> storeAlong(chain, stores, hash, bytes)).thenApply(c -> {
      List<String> out = new ArrayList<>();
      if (c.outcome() == StripeClient.PutOutcome.STORED) {
        out.add(chain.get(0));
      }
      out.addAll(c.passedOn());
      return List.copyOf(out);
    }).exceptionally(e -> List.of());
  }

  private CompletionStage<Void> lane(String blade, List<String> ranked, AtomicInteger next, List<String> stored,
      AtomicBoolean full, AtomicBoolean failed, String hash, ByteString bytes, Map<String, StoreInfo> stores) {
    return storeOn(blade, stores, hash, bytes).thenCompose(outcome -> {
      if (outcome == StripeClient.PutOutcome.STORED) {
        stored.add(blade);
        return CompletableFuture.completedFuture(null);
      }
      (outcome == StripeClient.PutOutcome.FULL ? full : failed).set(true);
      int n = next.getAndIncrement();
      return n < ranked.size() ? lane(ranked.get(n), ranked, next, stored, full, failed, hash, bytes, stores)
          : CompletableFuture.completedFuture(null);
    });
  }

  /**
   * Stores on one blade: this one through its store actor, another over HTTP. The bytes must
   * be the id's (hashed by the caller, or fetched verified): this blade does not hash them again.
   */
  public CompletionStage<StripeClient.PutOutcome> storeOn(String blade, Map<String, StoreInfo> stores, String hash,
      ByteString bytes) {
    if (blade.equals(self)) {
      return AskPattern.<StripeStore.Command, StripeStore.StoreResult>ask(local,
              r -> new StripeStore.Store(hash, bytes, true, r), timeout, system.scheduler())
          .thenApply(res -> res instanceof StripeStore.Stored ? StripeClient.PutOutcome.STORED
              : ((StripeStore.Refused) res).full() ? StripeClient.PutOutcome.FULL : StripeClient.PutOutcome.FAILED)
          .exceptionally(e -> StripeClient.PutOutcome.FAILED);
    }
    StoreInfo info = stores.get(blade);
    if (info == null) {
      return CompletableFuture.completedFuture(StripeClient.PutOutcome.FAILED);
    }
    return client.put(info.api(), hash, bytes);
  }

  /** This blade's own copy, if it has an intact one. */
  public CompletionStage<StripeStore.FetchResult> fetchLocal(String hash) {
    return AskPattern.ask(local, r -> new StripeStore.Fetch(hash, r), timeout, system.scheduler());
  }

  /** The stripe's bytes, verified, from the nearest replica that has them intact. */
  public CompletionStage<ByteString> fetch(String hash) {
    return fetch(hash, true);
  }

  /**
   * The same; {@code keep}: a copy fetched from another blade goes into the local cache (not
   * for a file too big for it to hold a good part of, whose stripes would only push out
   * everything else).
   */
  public CompletionStage<ByteString> fetch(String hash, boolean keep) {
    return fetchLocal(hash).thenCompose(res -> {
      if (res instanceof StripeStore.Found f) {
        return CompletableFuture.completedFuture(f.bytes());
      }
      return cache.get(hash).thenCompose(cached -> cached.isPresent()
          ? CompletableFuture.completedFuture(cached.get())
          : fetchRemote(hash, Set.of(self), keep).thenApply(b -> {
            if (keep) {
              cache.put(hash, b);
            }
            return b;
          }));
    });
  }

  /**
   * The stripe from another blade than those in {@code skip}: a holder first, then any live
   * store; hashed against its id, fit to be stored.
   */
  public CompletionStage<ByteString> fetchRemote(String hash, Set<String> skip) {
    return fetchRemote(hash, skip, true);
  }

  /** The same; {@code toStore} false: for a reader only (see {@link StripeClient#getVerified}). */
  public CompletionStage<ByteString> fetchRemote(String hash, Set<String> skip, boolean toStore) {
    return index.holders(hash).thenCompose(holders -> knownStores(Set.copyOf(holders)).thenApply(stores -> {
      Set<String> up = live.up();
      List<String> order = new ArrayList<>();
      // each reader ranks the holders its own way (rendezvous on stripe and reader), so the
      // readers of one stripe spread over its replicas instead of all asking the first
      List<Placement.Candidate> held = holders.stream().map(h -> new Placement.Candidate(h, "", 1)).toList();
      Placement.rank(hash + "/" + self, held).forEach(h -> {
        if (up.contains(h) && !skip.contains(h)) {
          order.add(h);
        }
      });
      stores.keySet().stream().sorted().forEach(b -> {
        if (up.contains(b) && !skip.contains(b) && !order.contains(b)) {
          order.add(b);
        }
      });
      return order.stream().map(stores::get).filter(java.util.Objects::nonNull).map(StoreInfo::api).toList();
    })).thenCompose(apis -> tryFetch(hash, apis, 0, toStore));
  }

  private CompletionStage<ByteString> tryFetch(String hash, List<String> apis, int i, boolean toStore) {
    if (i >= apis.size()) {
      return CompletableFuture.failedFuture(new StripeUnavailableException(hash));
    }
    return client.getVerified(apis.get(i), hash, toStore)
        .handle((b, e) -> e == null ? CompletableFuture.completedFuture(b) : tryFetch(hash, apis, i + 1, toStore))
        .thenCompose(x -> x);
  }
}
