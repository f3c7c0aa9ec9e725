package dci.app.vnas;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dci.actors.BladeSettings;
import dci.app.TestCage;
import dci.app.TestPeerlets;
import dci.app.node.BladeNode;
import dci.storage.vnas.Keeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Blades of a VNAS test, started one by one so a test can add one, stop one abruptly, and
 * drive the keepers by hand (their timers are set far apart so passes happen when asked).
 * Small stripes (64 KiB) make many stripes out of small files.
 */
final class VnasBlades implements AutoCloseable {
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Path dir;
  private final Config config;
  private final int seedPort;
  private final List<BladeNode> nodes = new ArrayList<>();

  VnasBlades(int count, String extraConfig) throws IOException {
    this(count, extraConfig, true);
  }

  /** {@code awaitStores}: also wait until blade 1 knows every blade's store, not only that all are Up. */
  VnasBlades(int count, String extraConfig, boolean awaitStores) throws IOException {
    this.dir = Files.createTempDirectory("dci-vnas-test");
    this.config = ConfigFactory.parseString(extraConfig + """

        dci.vnas.stripe-size = 64KiB
        dci.vnas.keeper-interval = 1h
        dci.vnas.gc-grace = 1s
        dci.vnas.hot-reads = 0
        dci.vnas.publish-interval = 500ms
        """).withFallback(TestCage.testConfig());
    this.seedPort = TestCage.freePort();
    for (int k = 1; k <= count; k++) {
      add();
    }
    if (awaitStores) {
      awaitStores(count);
    } else {
      awaitUp(count);
    }
  }

  /** Waits until blade 1 sees {@code n} blades Up. */
  void awaitUp(int n) {
    long deadline = System.currentTimeMillis() + 60_000;
    while (blade(1).vnas().live().up().size() < n) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("blade 1 never saw " + n + " blades Up");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Waits until every live blade is Up and its store is known to blade 1's volume. */
  void awaitStores(int n) {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      var v = blade(1).vnas();
      long known = v.volume().index().stores().toCompletableFuture().join().keySet().stream()
          .filter(v.live().up()::contains).count();
      if (v.live().up().size() >= n && known >= n) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("the volume never saw " + n + " live stores");
  }

  /** Starts one more blade, joining the others. */
  BladeNode add() {
    int k = nodes.size() + 1;
    BladeSettings s = new BladeSettings("blade-" + k, "127.0.0.1", k == 1 ? seedPort : TestCage.freePort(),
        "127.0.0.1", TestCage.freePort(), dir.resolve("blade-" + k),
        k == 1 ? List.of() : List.of("127.0.0.1:" + seedPort), "default", List.of());
    if (k > 1) {
      dci.app.node.Cage.enrol(s, dir.resolve("blade-1"));
    }
    BladeNode node = BladeNode.start(s, config, TestPeerlets.registry(), k == 1 ? dir.resolve("admin.password") : null);
    nodes.add(node);
    return node;
  }

  BladeNode blade(int k) {
    return nodes.get(k - 1);
  }

  String dav(int k) {
    return blade(k).apiUrl() + "/vnas";
  }

  Path dataDir(int k) {
    return dir.resolve("blade-" + k);
  }

  String basic() {
    try {
      String pw = dci.hardware.SecretFile.read(dir.resolve("admin.password"));
      return "Basic " + Base64.getEncoder().encodeToString(("admin:" + pw).getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills a blade the hard way: its ActorSystem and API stop with no leaving. */
  void crash(int k) {
    blade(k).system().terminate();
    try {
      blade(k).system().getWhenTerminated().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a keeper pass on each live blade, one after the other. */
  List<Keeper.PassReport> pass(int... blades) {
    List<Keeper.PassReport> out = new ArrayList<>();
    for (int k : blades) {
      BladeNode n = blade(k);
      out.add(AskPattern.<Keeper.Command, Keeper.PassReport>ask(n.vnas().keeper(), Keeper.RunPass::new,
          Duration.ofMinutes(2), n.system().scheduler()).toCompletableFuture().join());
    }
    return out;
  }

  /** Keeper passes on {@code blades}, round after round, until {@code done} holds (at most 15 rounds). */
  boolean converge(java.util.function.BooleanSupplier done, int... blades) {
    for (int round = 0; round < 15; round++) {
      if (done.getAsBoolean()) {
        return true;
      }
      pass(blades);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return done.getAsBoolean();
  }

  HttpResponse<byte[]> send(HttpRequest.Builder b) {
    try {
      return CLIENT.send(b.header("Authorization", basic()).timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<byte[]> put(int k, String path, byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(dav(k) + path)).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  HttpResponse<byte[]> get(int k, String path) {
    return send(HttpRequest.newBuilder(URI.create(dav(k) + path)).GET());
  }

  HttpResponse<byte[]> method(int k, String method, String path, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(dav(k) + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b);
  }

  @Override
  public void close() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      if (!nodes.get(i).system().whenTerminated().isCompleted()) {
        nodes.get(i).leave(Duration.ofSeconds(10));
      }
    }
  }
}
