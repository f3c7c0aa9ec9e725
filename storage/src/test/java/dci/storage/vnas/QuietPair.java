package dci.storage.vnas;


import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.awaitility.Awaitility;

/**
 * Two blades (ActorSystems) in one cluster whose index copies meet only through the writes
 * themselves: gossip and delta propagation are switched off, so a copy one write missed stays
 * behind and a test can tell.
 */
final class QuietPair implements AutoCloseable {
  final ActorTestKit a;
  final ActorTestKit b;

  QuietPair(String name) {
    var config = ConfigFactory.parseString("""
        pekko.actor.provider = cluster
        pekko.remote.artery.canonical.hostname = 127.0.0.1
        pekko.remote.artery.canonical.port = 0
        pekko.cluster.jmx.enabled = off
        pekko.cluster.distributed-data.gossip-interval = 1h
        pekko.cluster.distributed-data.delta-crdt.enabled = off
        pekko.actor.serialization-bindings { "dci.protocol.DciSerializable" = jackson-cbor }
        """).withFallback(ConfigFactory.load());
    a = ActorTestKit.create(name, config);
    b = ActorTestKit.create(name, config);
    var self = Cluster.get(a.system()).selfMember().address();
    Cluster.get(a.system()).manager().tell(Join.create(self));
    Cluster.get(b.system()).manager().tell(Join.create(self));
    Awaitility.await("two blades Up").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> Cluster.get(a.system()).state().members().size() == 2
            && !Cluster.get(a.system()).state().members().exists(m -> m.status() != MemberStatus.up())
            && Cluster.get(b.system()).selfMember().status() == MemberStatus.up());
  }

  /**
   * Waits until blade a's replicator counts blade b among the nodes a majority read asks (it
   * learns of members from cluster events, a little after they are Up; before, a majority read
   * on a is answered by a's own copy alone): a value only b holds is read through a. Starts b's
   * replicator.
   */
  void awaitReplicatorsMeet() {
    Key<LWWMap<String, VnasEntry>> probe = org.apache.pekko.cluster.ddata.LWWMapKey.create("quiet-pair-probe");
    var nb = DistributedData.get(b.system()).selfUniqueAddress();
    update(b, probe, m -> m.put(nb, "b", new VnasEntry("/b", true, 0, 0, 0, 1, null, java.util.List.of(), java.util.Map.of())));
    Awaitility.await("blade a's replicator reaches blade b").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50)).until(() -> {
          var rsp = join(AskPattern.<Replicator.Command, Replicator.GetResponse<LWWMap<String, VnasEntry>>>ask(
              DistributedData.get(a.system()).replicator(), r -> new Replicator.Get<>(probe,
                  new Replicator.ReadMajority(Duration.ofSeconds(3)), r), Duration.ofSeconds(5), a.system().scheduler()));
          return rsp instanceof Replicator.GetSuccess<LWWMap<String, VnasEntry>> ok && ok.get(probe).get("b").isDefined();
        });
  }

  /**
   * Waits until blade a's replicator counts blade b among its replicas. It learns of members
   * from cluster events, a little after they are Up; before that a write to all blades on a is
   * a write to a alone. Does not start b's replicator.
   */
  void awaitReplicaCountOnA() {
    Awaitility.await("blade a's replicator counts blade b").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50)).until(() -> join(AskPattern.<Replicator.Command, Replicator.ReplicaCount>ask(
            DistributedData.get(a.system()).replicator(), Replicator.GetReplicaCount::new, Duration.ofSeconds(5),
            a.system().scheduler())).n() == 2);
  }

  /** Changes {@code kit}'s own copy of {@code key} only. */
  static void update(ActorTestKit kit, Key<LWWMap<String, VnasEntry>> key, UnaryOperator<LWWMap<String, VnasEntry>> change) {
    join(AskPattern.<Replicator.Command, Replicator.UpdateResponse<LWWMap<String, VnasEntry>>>ask(
        DistributedData.get(kit.system()).replicator(),
        r -> new Replicator.Update<>(key, LWWMap.create(), Replicator.writeLocal(), r, change::apply),
        Duration.ofSeconds(5), kit.system().scheduler()));
  }

  /** {@code kit}'s own copy of the entry at {@code p}. */
  static Optional<VnasEntry> local(ActorTestKit kit, VnasPath p) {
    var o = copy(kit, VnasKeys.filesOf(p)).get(p.toString());
    return o.isDefined() ? Optional.of(o.get()) : Optional.empty();
  }

  /** {@code kit}'s own copy of {@code key} (empty if it has none). */
  static LWWMap<String, VnasEntry> copy(ActorTestKit kit, Key<LWWMap<String, VnasEntry>> key) {
    var rsp = join(AskPattern.<Replicator.Command, Replicator.GetResponse<LWWMap<String, VnasEntry>>>ask(
        DistributedData.get(kit.system()).replicator(), r -> new Replicator.Get<>(key, Replicator.readLocal(), r),
        Duration.ofSeconds(5), kit.system().scheduler()));
    return rsp instanceof Replicator.GetSuccess<LWWMap<String, VnasEntry>> ok ? ok.get(key) : LWWMap.create();
  }

  static <T> T join(java.util.concurrent.CompletionStage<T> s) {
    try {
      return s.toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    b.shutdownTestKit();
    a.shutdownTestKit();
  }
}
