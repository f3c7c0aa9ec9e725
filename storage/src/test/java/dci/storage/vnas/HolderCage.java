package dci.storage.vnas;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.awaitility.Awaitility;

/**
 * Blades (ActorSystems in one JVM, one cluster over Artery on loopback), each with its own
 * {@link IndexStore} in a folder of its own, its {@link IndexHolder} and a {@link ShardedIndex}.
 */
final class HolderCage implements AutoCloseable {
  /** One blade of the cage. */
  static final class Blade {
    final String name;
    final ActorTestKit kit;
    final IndexStore store;
    final ShardedIndex index;
    final HolderRoster roster;
    final String address;

    Blade(String name, ActorTestKit kit, IndexStore store, ShardedIndex index, HolderRoster roster) {
      this.name = name;
      this.roster = roster;
      this.kit = kit;
      this.store = store;
      this.index = index;
      this.address = Cluster.get(kit.system()).selfMember().address().toString();
    }
  }

  private static final Config CONFIG = ConfigFactory.parseString("""
      pekko.actor.provider = cluster
      pekko.remote.artery.canonical.hostname = 127.0.0.1
      pekko.remote.artery.canonical.port = 0
      pekko.cluster.jmx.enabled = off
      # leaving does not converge while a killed blade is unreachable: do not wait 10 s a phase
      pekko.coordinated-shutdown.phases.cluster-leave.timeout = 2s
      pekko.coordinated-shutdown.phases.cluster-exiting.timeout = 2s
      pekko.actor.serialization-bindings { "dci.protocol.DciSerializable" = jackson-cbor }
      """).withFallback(ConfigFactory.load());

  final int r;
  final List<Blade> blades = new ArrayList<>();
  private final Path dir;
  private final String system;
  private final ExecutorService io = Executors.newFixedThreadPool(8);

  private final Duration settle;

  HolderCage(String system, Path dir, int r) {
    this(system, dir, r, HolderRoster.SETTLE);
  }

  /** A cage whose blades take their holders as settled after {@code settle} without a change. */
  HolderCage(String system, Path dir, int r, Duration settle) {
    this.system = system;
    this.dir = dir;
    this.r = r;
    this.settle = settle;
  }

  /** Starts a blade, joins it to the first and waits until every blade's index sees every holder. */
  Blade start(String name) {
    return start(name, "");
  }

  /** {@link #start(String)} with settings of its own ({@code config}, HOCON) over the cage's. */
  Blade start(String name, String config) {
    ActorTestKit kit = ActorTestKit.create(system, ConfigFactory.parseString(config).withFallback(CONFIG));
    var seed = blades.isEmpty() ? Cluster.get(kit.system()).selfMember().address()
        : Cluster.get(blades.get(0).kit.system()).selfMember().address();
    Cluster.get(kit.system()).manager().tell(Join.create(seed));
    Awaitility.await(name + " Up").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> Cluster.get(kit.system()).selfMember().status() == MemberStatus.up());
    IndexStore store = IndexStore.open(dir.resolve(name + ".mv"), 4, io);
    HolderRoster roster = HolderRoster.start(kit.system(), r, null, settle);
    kit.spawn(IndexHolder.create(store, io, roster, Duration.ofMillis(500)), IndexHolder.NAME);
    Blade b = new Blade(name, kit, store, new ShardedIndex(kit.system(), roster), roster);
    blades.add(b);
    awaitViews();
    return b;
  }

  /** Stops {@code b} (it leaves the cluster) and waits until the others no longer count it. */
  void stop(Blade b) {
    blades.remove(b);
    b.kit.shutdownTestKit();
    b.store.close();
    awaitViews();
  }

  /**
   * Stops {@code b} the way a killed process stops: it does not leave the cluster, so the others
   * see it unreachable (no downing here: it stays so) and still count its holder.
   */
  void kill(Blade b) {
    blades.remove(b);
    b.kit.system().terminate();
    Awaitility.await(b.name + " unreachable").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> blades.stream().allMatch(o -> Cluster.get(o.kit.system()).state().getUnreachable().stream()
            .anyMatch(m -> m.address().toString().equals(b.address))));
    b.store.close();
  }

  /** Waits until every blade takes its holders as settled. */
  void awaitSettled() {
    Awaitility.await("every blade settled").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> blades.stream().allMatch(b -> b.roster.settled(b.kit.system())));
  }

  void awaitViews() {
    Awaitility.await("every blade's index sees " + blades.size() + " holders").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> blades.stream().allMatch(b -> b.index.holders() == blades.size()));
  }

  /** The blade named by {@code address}. */
  Blade at(String address) {
    return blades.stream().filter(b -> b.address.equals(address)).findFirst().orElseThrow();
  }

  /** The holders of the shard of {@code path}'s parent, as every blade ranks them. */
  List<Blade> holdersOf(VnasPath path) {
    return ShardRing.holders(IndexStore.shardOf(path.parent()), blades.stream().map(b -> b.address).toList(), r)
        .stream().map(this::at).toList();
  }

  @Override
  public void close() throws InterruptedException {
    for (Blade b : List.copyOf(blades)) {
      // after a kill, leaving cannot converge while the killed blade is unreachable: allow for it
      ActorTestKit.shutdown(b.kit.system(), Duration.ofSeconds(60), false);
      b.store.close();
    }
    io.shutdown();
    io.awaitTermination(10, TimeUnit.SECONDS);
  }
}
