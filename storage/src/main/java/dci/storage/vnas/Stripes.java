package dci.storage.vnas;

import java.nio.ByteBuffer;
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
    CompletionStage<Map<String, StoreInfo>> known = index.stores().thenCompose(local ->
        local.keySet().containsAll(up) ? CompletableFuture.completedFuture(local)
            : index.storesFromMajority().thenApply(m -> {
              Map<String, StoreInfo> both = new java.util.HashMap<>(m);
              both.putAll(local);
              return both;
            }));
    return known.thenCombine(index.draining(), (stores, draining) -> {
      List<Placement.Candidate> out = new ArrayList<>();
      stores.values().forEach(s -> {
        if (up.contains(s.blade()) && !draining.contains(s.blade()) && s.contributed() > 0) {
          out.add(new Placement.Candidate(s.blade(), s.dataCenter(), s.contributed()));
        }
      });
      return out;
    });
  }

  /**
   * Stores the stripe durably on {@code r} blades (fewer if fewer are live) and records
   * where; a blade that refuses is replaced by the next in rank. Fails with
   * {@link NoRoomException} if not enough blades take it.
   */
  public CompletionStage<List<String>> store(String hash, ByteString bytes, int r) {
    return candidates().thenCombine(index.stores(), (cands, stores) -> new Object[] {cands, stores})
        .thenCombine(index.draining(), (pair, draining) -> new Object[] {pair[0], pair[1], draining})
        .thenCompose(pair -> {
          @SuppressWarnings("unchecked") List<Placement.Candidate> cands = (List<Placement.Candidate>) pair[0];
          @SuppressWarnings("unchecked") Map<String, StoreInfo> stores = (Map<String, StoreInfo>) pair[1];
          @SuppressWarnings("unchecked") Set<String> draining = (Set<String>) pair[2];
          List<String> ranked = Placement.rank(hash, cands);
          if (ranked.isEmpty()) {
            return CompletableFuture.failedFuture(new NoRoomException("no live blade contributes storage", false));
          }
          // r, or every live blade that takes stripes if there are fewer: never fewer because
          // this blade has not heard of another one's store yet
          Set<String> able = new java.util.HashSet<>(live.up());
          able.removeAll(draining);
          int want = Math.max(1, Math.min(r, able.size()));
          List<String> stored = Collections.synchronizedList(new ArrayList<>());
          AtomicInteger next = new AtomicInteger(want);
          AtomicBoolean full = new AtomicBoolean();
          List<CompletableFuture<Void>> lanes = new ArrayList<>();
          for (int i = 0; i < want; i++) {
            lanes.add(lane(ranked.get(i), ranked, next, stored, full, hash, bytes, stores).toCompletableFuture());
          }
          return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).thenCompose(v -> {
            if (stored.size() < want) {
              return CompletableFuture.failedFuture(new NoRoomException("only " + stored.size() + " of " + want
                  + " blades could store a stripe" + (full.get() ? ": the volume is full" : ""), full.get()));
            }
            return index.bind(hash, stored).thenApply(d -> List.copyOf(stored));
          });
        });
  }

  private CompletionStage<Void> lane(String blade, List<String> ranked, AtomicInteger next, List<String> stored,
      AtomicBoolean full, String hash, ByteString bytes, Map<String, StoreInfo> stores) {
    return storeOn(blade, stores, hash, bytes).thenCompose(outcome -> {
      if (outcome == StripeClient.PutOutcome.STORED) {
        stored.add(blade);
        return CompletableFuture.completedFuture(null);
      }
      if (outcome == StripeClient.PutOutcome.FULL) {
        full.set(true);
      }
      int n = next.getAndIncrement();
      return n < ranked.size() ? lane(ranked.get(n), ranked, next, stored, full, hash, bytes, stores)
          : CompletableFuture.completedFuture(null);
    });
  }

  /** Stores on one blade: this one through its store actor, another over HTTP. */
  public CompletionStage<StripeClient.PutOutcome> storeOn(String blade, Map<String, StoreInfo> stores, String hash,
      ByteString bytes) {
    if (blade.equals(self)) {
      return AskPattern.<StripeStore.Command, StripeStore.StoreResult>ask(local,
              r -> new StripeStore.Store(hash, bytes, r), timeout, system.scheduler())
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
    return fetchLocal(hash).thenCompose(res -> {
      if (res instanceof StripeStore.Found f) {
        return CompletableFuture.completedFuture(f.bytes());
      }
      return cache.get(hash).thenCompose(cached -> cached.isPresent()
          ? CompletableFuture.completedFuture(cached.get())
          : fetchRemote(hash, Set.of(self)).thenApply(b -> {
            cache.put(hash, b);
            return b;
          }));
    });
  }

  /** The stripe from another blade than those in {@code skip}. */
  public CompletionStage<ByteString> fetchRemote(String hash, Set<String> skip) {
    return index.holders(hash).thenCompose(holders -> index.stores().thenCompose(local ->
        local.keySet().containsAll(holders) ? CompletableFuture.completedFuture(local)
            : index.storesFromMajority().thenApply(m -> {
              Map<String, StoreInfo> both = new java.util.HashMap<>(m);
              both.putAll(local);
              return both;
            })).thenApply(stores -> {
      Set<String> up = live.up();
      List<String> order = new ArrayList<>();
      Placement.rank(hash, holders.stream().map(h -> new Placement.Candidate(h, "", 1)).toList()).forEach(h -> {
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
    })).thenCompose(apis -> tryFetch(hash, apis, 0));
  }

  private CompletionStage<ByteString> tryFetch(String hash, List<String> apis, int i) {
    if (i >= apis.size()) {
      return CompletableFuture.failedFuture(new StripeUnavailableException(hash));
    }
    return client.get(apis.get(i), hash)
        .thenApply(b -> {
          if (!StripeFiles.sha256(ByteBuffer.wrap(b.toArrayUnsafe())).equals(hash)) {
            throw new IllegalStateException("corrupt copy");
          }
          return b;
        })
        .handle((b, e) -> e == null ? CompletableFuture.completedFuture(b) : tryFetch(hash, apis, i + 1))
        .thenCompose(x -> x);
  }
}
