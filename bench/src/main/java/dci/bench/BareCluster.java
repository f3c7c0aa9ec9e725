package dci.bench;

import dci.actors.BladeSettings;
import dci.actors.DciConfig;
import dci.actors.tls.TlsBootstrap;
import dci.app.node.Cage;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The floor of bench/idle.sh: {@code N} Pekko cluster systems in this JVM with exactly a blade's
 * Pekko configuration (Artery over mutual TLS with the cage's certificates, failure detection,
 * split brain resolver, Distributed Data with its durable store, the typed receptionist) and
 * nothing of DCI on them. Prints {@code ready: N systems Up} once every system sees all Up, then
 * idles until killed.
 *
 * <p>Usage: {@code BareCluster N DATA_DIR PORT}
 */
public final class BareCluster {
  private BareCluster() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]);
    int port = Integer.parseInt(args[2]);
    List<BladeSettings> plan = Cage.plan(n, "127.0.0.1", port, 1, dir);
    List<ActorSystem<Void>> systems = new ArrayList<>();
    for (BladeSettings s : plan) {
      if (s.formsCluster()) {
        TlsBootstrap.prepare(s);
      } else {
        Cage.enrol(s, plan.get(0).dataDir());
        TlsBootstrap.prepare(s);
      }
      Config config = DciConfig.forBlade(s, DciConfig.base(null));
      systems.add(ActorSystem.create(Behaviors.setup(ctx -> {
        // what every blade starts whatever its features: the replicator and the receptionist
        DistributedData.get(ctx.getSystem());
        ctx.getSystem().receptionist();
        return Behaviors.empty();
      }), BladeSettings.SYSTEM_NAME, config));
    }
    // as a blade joins: the first forms the cluster, the others join it
    var first = Cluster.get(systems.get(0)).selfMember().address();
    for (ActorSystem<Void> s : systems) {
      Cluster.get(s).manager().tell(org.apache.pekko.cluster.typed.Join.create(first));
    }
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!systems.stream().allMatch(s -> allUp(s, n))) {
      if (System.nanoTime() > deadline) {
        System.out.println("not all Up after 120 s");
        System.exit(1);
      }
      Thread.sleep(100);
    }
    System.out.println("ready: " + n + " systems Up");
    Thread.currentThread().join();
  }

  private static boolean allUp(ActorSystem<?> system, int n) {
    var members = Cluster.get(system).state().getMembers();
    int up = 0;
    for (var m : members) {
      if (m.status() == MemberStatus.up()) {
        up++;
      }
    }
    return up == n;
  }
}
