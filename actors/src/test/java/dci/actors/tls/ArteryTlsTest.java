package dci.actors.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import dci.actors.Blade;
import dci.actors.BladeSettings;
import dci.actors.TestBlades;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artery over mutual TLS: only blades with a certificate from the cluster's CA get in. */
class ArteryTlsTest {
  @TempDir static Path dir;
  static TestBlades blades;
  static String seed;

  @BeforeAll
  static void cluster() {
    blades = TestBlades.start(2, dir);
    blades.awaitAllUp(2, Duration.ofSeconds(30));
    var self = Cluster.get(blades.system(1)).selfMember().address();
    seed = self.getHost().get() + ":" + self.getPort().get();
  }

  @AfterAll
  static void stop() {
    blades.close();
  }

  private static Set<String> memberNames() {
    return StreamSupport.stream(Cluster.get(blades.system(1)).state().getMembers().spliterator(), false)
        .map(Member::getRoles).map(BladeSettings::nameOf).flatMap(java.util.Optional::stream)
        .collect(java.util.stream.Collectors.toSet());
  }

  private static ActorSystem<Blade.Command> startOutsider(BladeSettings s, String extraConfig) {
    var config = ConfigFactory.parseString(extraConfig).withFallback(TestBlades.configFor(s));
    return ActorSystem.create(Blade.create(s, config), BladeSettings.SYSTEM_NAME, config);
  }

  @Test
  void aNodeWithACertificateFromAnotherCaNeverJoinsAndTheBladeLogsTheRefusal() {
    BladeSettings s = TestBlades.settings("stranger", dir.resolve("stranger"), List.of(seed));
    TlsDir.of(s.dataDir()).writeCredentials(ClusterCa.create("evil").issue("stranger", List.of()));
    long refusedBefore = BladeTls.live(blades.parts(1).settings().dataDir()).orElseThrow().refusals().total();
    ActorSystem<Blade.Command> stranger = startOutsider(s, "");
    try {
      await().atMost(Duration.ofSeconds(20)).until(() ->
          BladeTls.live(blades.parts(1).settings().dataDir()).orElseThrow().refusals().total() > refusedBefore);
      await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).until(() -> !memberNames().contains("stranger"));
      assertThat(Cluster.get(stranger).selfMember().status()).isNotEqualTo(org.apache.pekko.cluster.MemberStatus.up());
    } finally {
      stranger.terminate();
    }
  }

  @Test
  void aNodeSpeakingPlainTcpNeverJoins() {
    BladeSettings s = TestBlades.settings("plain", dir.resolve("plain"), List.of(seed));
    long refusedBefore = BladeTls.live(blades.parts(1).settings().dataDir()).orElseThrow().refusals().total();
    // a bare Pekko node of the same system name, no DCI guardian, joining over plain TCP
    var config = ConfigFactory.parseString("pekko.remote.artery.transport = tcp").withFallback(TestBlades.configFor(s));
    ActorSystem<Void> plain = ActorSystem.create(org.apache.pekko.actor.typed.javadsl.Behaviors.empty(),
        BladeSettings.SYSTEM_NAME, config);
    Cluster.get(plain).manager().tell(new org.apache.pekko.cluster.typed.JoinSeedNodes(List.of(
        new org.apache.pekko.actor.Address("pekko", BladeSettings.SYSTEM_NAME, "127.0.0.1",
            Integer.parseInt(seed.substring(seed.indexOf(':') + 1))))));
    try {
      await().atMost(Duration.ofSeconds(20)).until(() ->
          BladeTls.live(blades.parts(1).settings().dataDir()).orElseThrow().refusals().total() > refusedBefore);
      await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> !memberNames().contains("plain"));
    } finally {
      plain.terminate();
    }
  }

  @Test
  void aBladeWhoseCertificateIsRevokedIsRefusedAtItsHandshake() throws Exception {
    BladeSettings s = TestBlades.settings("blade-7", dir.resolve("blade-7"), List.of(seed));
    BladeCredentials c = TlsDir.of(blades.parts(1).settings().dataDir()).ca().issue("blade-7", List.of());
    TlsDir.of(s.dataDir()).writeCredentials(c);
    for (int k = 1; k <= 2; k++) {
      BladeTls.live(blades.parts(k).settings().dataDir()).orElseThrow().setRevoked(Set.of(Keys.serial(c.certificate())));
    }
    ActorSystem<Blade.Command> revoked = startOutsider(s, "");
    try {
      await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).until(() -> !memberNames().contains("blade-7"));
      assertThat(TlsDir.of(blades.parts(1).settings().dataDir()).readRevoked()).contains(Keys.serial(c.certificate()));
    } finally {
      revoked.terminate();
      for (int k = 1; k <= 2; k++) {
        BladeTls.live(blades.parts(k).settings().dataDir()).orElseThrow().setRevoked(Set.of());
      }
    }
  }

  @Test
  void aBladeWithABundleFromTheClusterCaJoins() {
    BladeSettings s = TestBlades.settings("blade-3", dir.resolve("blade-3"), List.of(seed));
    TlsBootstrap.install(s, TlsDir.of(blades.parts(1).settings().dataDir()).ca().issue("blade-3", List.of()));
    ActorSystem<Blade.Command> joiner = startOutsider(s, "");
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> memberNames().contains("blade-3"));
    } finally {
      Cluster.get(joiner).manager().tell(org.apache.pekko.cluster.typed.Leave.create(Cluster.get(joiner).selfMember().address()));
      joiner.terminate();
    }
  }
}
