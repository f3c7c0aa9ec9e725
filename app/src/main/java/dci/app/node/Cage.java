package dci.app.node;

import com.typesafe.config.Config;
import dci.actors.BladeSettings;
import dci.actors.tls.TlsBootstrap;
import dci.actors.tls.TlsDir;
import dci.protocol.BladeStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded default: N blades in one process, each its own ActorSystem on 127.0.0.1,
 * {@code blade-K} on Artery port {@code port+K-1} and API port {@code httpPort+K-1}, data in
 * {@code dataDir/blade-K}. Blade 1 forms the cluster, the others join it.
 */
public final class Cage implements AutoCloseable {
  private final List<BladeNode> blades;
  private final Path adminPasswordFile;

  private Cage(List<BladeNode> blades, Path adminPasswordFile) {
    this.blades = blades;
    this.adminPasswordFile = adminPasswordFile;
  }

  /** Plan of a cage: the settings of each blade. */
  public static List<BladeSettings> plan(int count, String host, int port, int httpPort, Path dataDir) {
    if (count < 1 || count > 64) {
      throw new IllegalArgumentException("--blades must be between 1 and 64, was " + count);
    }
    List<BladeSettings> out = new ArrayList<>();
    String seed = host + ":" + port;
    for (int k = 1; k <= count; k++) {
      out.add(new BladeSettings("blade-" + k, host, port + k - 1, host, httpPort + k - 1,
          dataDir.resolve("blade-" + k), k == 1 ? List.of() : List.of(seed), "default", List.of()));
    }
    return out;
  }

  /**
   * Starts the planned blades in order, reporting each through {@code started}; on any
   * failure the blades already started are stopped.
   */
  public static Cage start(List<BladeSettings> plan, Config base, Path adminPasswordFile,
      java.util.function.Consumer<BladeNode> started) {
    return start(plan, base, BladeNode.defaultRegistry(), adminPasswordFile, started);
  }

  /** Starts the planned blades, each running the peerlet types of {@code registry}. */
  public static Cage start(List<BladeSettings> plan, Config base, dci.actors.peerlet.PeerletRegistry registry,
      Path adminPasswordFile, java.util.function.Consumer<BladeNode> started) {
    List<BladeNode> nodes = new ArrayList<>();
    try {
      for (BladeSettings s : plan) {
        if (!nodes.isEmpty()) {
          enrol(s, nodes.get(0).settings().dataDir());
        }
        BladeNode node = BladeNode.with(s, base).peerlets(registry)
            .adminPasswordFile(nodes.isEmpty() ? adminPasswordFile : null).start();
        nodes.add(node);
        started.accept(node);
      }
    } catch (RuntimeException e) {
      nodes.forEach(n -> n.leave(Duration.ofSeconds(5)));
      throw e;
    }
    return new Cage(List.copyOf(nodes), adminPasswordFile);
  }

  /**
   * The cage issues its own blades' certificates: a blade of the cage that has none yet gets one
   * from the cluster CA held by the cage's first blade (as `dci cert issue` + `--join` would).
   */
  public static void enrol(BladeSettings blade, java.nio.file.Path caBladeData) {
    TlsDir own = TlsDir.of(blade.dataDir());
    TlsDir ca = TlsDir.of(caBladeData);
    if (!own.hasCredentials() && ca.holdsCa()) {
      TlsBootstrap.install(blade, ca.ca().issue(blade.name(), TlsBootstrap.hostsOf(blade)));
    }
  }

  public List<BladeNode> blades() {
    return blades;
  }

  public Path adminPasswordFile() {
    return adminPasswordFile;
  }

  /** Creates the admin on blade 1 if the cluster is new. */
  public dci.actors.auth.UserRegistry.BootstrapResult ensureAdmin() {
    var done = blades.get(0).bootstrap();
    return done != null ? done : blades.get(0).ensureAdmin(adminPasswordFile);
  }

  /** Waits until every blade's directory shows every blade Up; false on timeout. */
  public boolean awaitAllUp(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (blades.stream().allMatch(this::seesAllUp)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private boolean seesAllUp(BladeNode node) {
    return node.blades().stream().filter(b -> b.status() == BladeStatus.Up).count() >= blades.size();
  }

  /**
   * Every blade leaves the cluster gracefully, the last started first, after the cluster is told
   * it is shutting down whole (Pekko's full-cluster-shutdown preparation): then no blade treats
   * the others' leaving as a loss to fail over, and singletons are not handed from one leaving
   * blade to the next.
   */
  @Override
  public void close() {
    if (!blades.isEmpty()) {
      blades.get(0).prepareFullShutdown(Duration.ofSeconds(5));
    }
    for (int i = blades.size() - 1; i >= 0; i--) {
      blades.get(i).leave(Duration.ofSeconds(15));
    }
  }
}
