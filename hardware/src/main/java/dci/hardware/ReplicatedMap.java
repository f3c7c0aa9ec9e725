package dci.hardware;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * A map replicated to every blade (Pekko Distributed Data, last writer wins per entry): any
 * blade answers for any other, including one that is gone. Reads are local (fast, may lag
 * gossip by a second) or from a majority (sees every write a majority acknowledged); writes
 * reach a majority before they answer, or just this blade for figures that change often.
 */
public final class ReplicatedMap<V> {
  private final ActorSystem<?> system;
  private final ActorRef<Replicator.Command> replicator;
  private final SelfUniqueAddress node;
  private final Key<LWWMap<String, V>> key;
  private final Duration timeout;

  public ReplicatedMap(ActorSystem<?> system, String name, Duration timeout) {
    this.system = system;
    this.replicator = DistributedData.get(system).replicator();
    this.node = DistributedData.get(system).selfUniqueAddress();
    this.key = LWWMapKey.create(name);
    this.timeout = timeout;
  }

  public Key<LWWMap<String, V>> key() {
    return key;
  }

  /** Every entry as this blade knows it. */
  public CompletionStage<Map<String, V>> all() {
    return AskPattern.<Replicator.Command, Replicator.GetResponse<LWWMap<String, V>>>ask(replicator,
            r -> new Replicator.Get<>(key, Replicator.readLocal(), r), timeout, system.scheduler())
        .thenApply(rsp -> rsp instanceof Replicator.GetSuccess<LWWMap<String, V>> ok
            ? ok.get(key).getEntries() : Map.of());
  }

  /** Every entry as a majority knows it; this blade's copy if no majority answers in time. */
  public CompletionStage<Map<String, V>> allFromMajority() {
    return AskPattern.<Replicator.Command, Replicator.GetResponse<LWWMap<String, V>>>ask(replicator,
            r -> new Replicator.Get<>(key, new Replicator.ReadMajority(timeout), r), timeout.plusSeconds(1),
            system.scheduler())
        .thenCompose(rsp -> rsp instanceof Replicator.GetSuccess<LWWMap<String, V>> ok
            ? CompletableFuture.completedFuture(ok.get(key).getEntries())
            : rsp instanceof Replicator.NotFound ? CompletableFuture.completedFuture(Map.<String, V>of()) : all());
  }

  /** Stores an entry on a majority of blades (the rest hear by gossip). */
  public CompletionStage<V> put(String id, V value) {
    return update(id, value, new Replicator.WriteMajority(timeout));
  }

  /** Stores an entry on this blade only; gossip spreads it within about a second. */
  public CompletionStage<V> putLocal(String id, V value) {
    return update(id, value, Replicator.writeLocal());
  }

  /** Removes an entry on a majority of blades. */
  public CompletionStage<Boolean> remove(String id) {
    return AskPattern.<Replicator.Command, Replicator.UpdateResponse<LWWMap<String, V>>>ask(replicator,
            r -> new Replicator.Update<>(key, LWWMap.create(), new Replicator.WriteMajority(timeout), r,
                m -> m.remove(node, id)), timeout.plusSeconds(2), system.scheduler())
        .thenApply(rsp -> rsp instanceof Replicator.UpdateSuccess || rsp instanceof Replicator.UpdateTimeout);
  }

  private CompletionStage<V> update(String id, V value, Replicator.WriteConsistency consistency) {
    return AskPattern.<Replicator.Command, Replicator.UpdateResponse<LWWMap<String, V>>>ask(replicator,
            r -> new Replicator.Update<>(key, LWWMap.create(), consistency, r, m -> m.put(node, id, value)),
            timeout.plusSeconds(2), system.scheduler())
        .thenCompose(rsp -> rsp instanceof Replicator.UpdateSuccess || rsp instanceof Replicator.UpdateTimeout
            ? CompletableFuture.completedFuture(value)
            : CompletableFuture.failedFuture(new IllegalStateException(key.id() + " was not stored: " + rsp)));
  }
}
