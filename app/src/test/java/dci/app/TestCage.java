package dci.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dci.actors.BladeSettings;
import dci.actors.DciConfig;
import dci.app.node.BladeNode;
import dci.app.node.Cage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Three real blades (three ActorSystems on loopback Artery, three HTTP APIs) shared by the
 * app tests of one JVM, started once and stopped when the test run ends.
 */
public final class TestCage implements ExtensionContext.Store.CloseableResource {
  private final Cage cage;
  private final Path dir;

  private TestCage(Cage cage, Path dir) {
    this.cage = cage;
    this.dir = dir;
  }

  /** The shared cage, started on first use. */
  public static TestCage get(ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(TestCage.class, k -> start(3), TestCage.class);
  }

  /** Test settings: cheap password hashing; failure detection relaxed for a busy CI box. */
  public static Config testConfig() {
    return ConfigFactory.parseString("""
        dci.auth.pbkdf2-iterations = 1000
        dci.peerlets.queue-limit = 5
        pekko.cluster.failure-detector.acceptable-heartbeat-pause = 6s
        pekko.cluster.split-brain-resolver.stable-after = 6s
        """).withFallback(DciConfig.base(null));
  }

  static TestCage start(int blades) {
    try {
      Path dir = Files.createTempDirectory("dci-test-cage");
      List<BladeSettings> plan = new ArrayList<>();
      int seedPort = freePort();
      for (int k = 1; k <= blades; k++) {
        int port = k == 1 ? seedPort : freePort();
        plan.add(new BladeSettings("blade-" + k, "127.0.0.1", port, "127.0.0.1", freePort(),
            dir.resolve("blade-" + k), k == 1 ? List.of() : List.of("127.0.0.1:" + seedPort), "default",
            List.of()));
      }
      Cage cage = Cage.start(plan, testConfig(), TestPeerlets.registry(), dir.resolve("admin.password"), n -> {});
      cage.ensureAdmin();
      if (!cage.awaitAllUp(Duration.ofSeconds(60))) {
        throw new IllegalStateException("test cage did not come Up");
      }
      return new TestCage(cage, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public BladeNode blade(int k) {
    return cage.blades().get(k - 1);
  }

  public String url(int k) {
    return blade(k).apiUrl();
  }

  public Path adminPasswordFile() {
    return dir.resolve("admin.password");
  }

  public String adminPassword() {
    try {
      return dci.hardware.SecretFile.read(adminPasswordFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    cage.close();
  }
}
