package dci.app.install;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.fasterxml.jackson.databind.JsonNode;
import dci.actors.BladeSettings;
import dci.app.Http;
import dci.app.TestCage;
import dci.app.TestPeerlets;
import dci.app.node.BladeNode;
import dci.protocol.BladeStatus;
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
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Real blades for the installation tests, each its own ActorSystem, HTTP API, VNAS share and
 * peerlet registry, trusting one publisher key by configuration. Small stripes (64 KiB) spread
 * even a small package over several blades.
 */
final class InstallBlades implements AutoCloseable {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final Path dir;
  private final List<BladeNode> nodes = new ArrayList<>();
  private final Config config;
  private final int seedPort;
  private String token;

  InstallBlades(int count, String trustedKey) throws IOException {
    this.dir = Files.createTempDirectory("dci-install-test");
    this.config = ConfigFactory.parseString("""
        dci.vnas.stripe-size = 64KiB
        dci.vnas.keeper-interval = 1h
        dci.vnas.hot-reads = 0
        dci.vnas.publish-interval = 500ms
        dci.backup.tick = 1h
        dci.failover.enabled = off
        dci.packages.install-timeout = 60s
        dci.packages.max-package-size = 4MiB
        dci.packages.trusted-keys = ["%s"]
        """.formatted(trustedKey)).withFallback(TestCage.testConfig());
    this.seedPort = TestCage.freePort();
    for (int k = 1; k <= count; k++) {
      nodes.add(start(k));
    }
    awaitUp();
  }

  private BladeNode start(int k) {
    BladeSettings s = new BladeSettings("blade-" + k, "127.0.0.1", k == 1 ? seedPort : TestCage.freePort(),
        "127.0.0.1", TestCage.freePort(), dir.resolve("blade-" + k),
        k == 1 ? List.of() : List.of("127.0.0.1:" + seedPort), "default", List.of());
    if (k > 1) {
      dci.app.node.Cage.enrol(s, dir.resolve("blade-1"));
    }
    return BladeNode.start(s, config, TestPeerlets.registry(), k == 1 ? dir.resolve("admin.password") : null);
  }

  /** Waits until blade 1 sees every blade Up with its API, and every blade knows every stripe store. */
  void awaitUp() {
    int count = nodes.size();
    await(() -> blade(1).blades().stream().filter(b -> b.status() == BladeStatus.Up && b.api() != null).count() >= count
        && nodes.stream().allMatch(n -> n.vnas().volume().index().stores().toCompletableFuture().join().size() >= count),
        60);
  }

  /** Stops blade {@code k} (it leaves the cluster) and waits until blade 1 no longer counts it. */
  void stop(int k) {
    blade(k).leave(Duration.ofSeconds(20));
    String name = "blade-" + k;
    await(() -> blade(1).blades().stream().noneMatch(b -> b.name().equals(name) && b.status() == BladeStatus.Up), 30);
  }

  /** Starts blade {@code k} again on its data directory (new ports) and waits until it is Up. */
  void restart(int k) {
    nodes.set(k - 1, start(k));
    awaitUp();
  }

  BladeNode blade(int k) {
    return nodes.get(k - 1);
  }

  String url(int k) {
    return blade(k).apiUrl();
  }

  /** {@code DATA/packages} of blade {@code k}. */
  Path packages(int k) {
    return dir.resolve("blade-" + k).resolve("packages");
  }

  String token() {
    if (token == null) {
      try {
        token = Http.login(url(1), "admin", dci.hardware.SecretFile.read(dir.resolve("admin.password")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return token;
  }

  /** POSTs a package file as the body. */
  Http.Reply upload(int k, Path file, String asToken) {
    try {
      HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url(k) + "/api/packages"))
          .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + asToken)
          .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode json = r.body().isBlank() ? null : dci.protocol.Json.mapper().readTree(r.body());
      return new Http.Reply(r.statusCode(), json, r.body(), r.headers().firstValue("Content-Type").orElse(""), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts a job ({@code op}: install, uninstall or follow) through blade 1 and waits for its end. */
  JsonNode job(String op, String body) {
    Http.Reply started = Http.post(url(1) + "/api/" + op, token(), body);
    if (started.status() != 202) {
      throw new AssertionError(op + " answered " + started.status() + ": " + started.text());
    }
    String id = started.json().get("job").asText();
    JsonNode[] view = new JsonNode[1];
    await(() -> {
      view[0] = Http.get(url(1) + "/api/install/jobs/" + id, token()).json();
      return view[0].get("done").asBoolean();
    }, 90);
    return view[0];
  }

  /** The row of blade {@code name} in a job view. */
  static JsonNode row(JsonNode job, String name) {
    for (JsonNode r : job.get("blades")) {
      if (r.get("blade").asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError("no row for " + name + " in " + job);
  }

  /** Blade {@code k}'s inventory as its install peerlet tells it. */
  JsonNode inventory(int k) {
    Http.Reply r = Http.get(url(1) + "/api/packages/installed?blade=blade-" + k, token());
    if (r.status() != 200) {
      throw new AssertionError("inventory of blade-" + k + ": " + r.status() + " " + r.text());
    }
    return r.json();
  }

  /** The version of {@code name} installed on blade {@code k}, or null. */
  String installed(int k, String name) {
    for (JsonNode p : inventory(k).get("packages")) {
      if (p.get("name").asText().equals(name)) {
        return p.get("version").asText();
      }
    }
    return null;
  }

  static void await(BooleanSupplier cond, int seconds) {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (!cond.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within " + seconds + " s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
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
