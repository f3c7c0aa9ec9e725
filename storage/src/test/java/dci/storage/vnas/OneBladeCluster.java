package dci.storage.vnas;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/** A test kit whose system is a one-blade cluster on loopback, Up before it is handed out. */
final class OneBladeCluster {
  private OneBladeCluster() {}

  /** {@code extra}: more configuration, taking precedence over the defaults. */
  static ActorTestKit start(String name, String extra) throws InterruptedException {
    ActorTestKit kit = ActorTestKit.create(name, ConfigFactory.parseString("""
        pekko.actor.provider = cluster
        pekko.remote.artery.canonical.hostname = 127.0.0.1
        pekko.remote.artery.canonical.port = 0
        pekko.cluster.jmx.enabled = off
        pekko.actor.serialization-bindings { "dci.protocol.DciSerializable" = jackson-cbor }
        """ + extra).withFallback(ConfigFactory.load()));
    Cluster cluster = Cluster.get(kit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    Awaitility.await("blade " + name + " Up").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
        .until(() -> cluster.selfMember().status() == MemberStatus.up());
    return kit;
  }
}
