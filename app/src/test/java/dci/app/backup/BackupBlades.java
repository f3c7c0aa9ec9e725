package dci.app.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dci.actors.BladeSettings;
import dci.protocol.Json;
import dci.app.TestCage;
import dci.app.TestPeerlets;
import dci.app.node.BladeNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real blades in one JVM for the backup tests (each its own ActorSystem on Artery and its own
 * HTTP API), driven through the API as an operator would: an admin token, JSON in and out.
 */
public final class BackupBlades implements AutoCloseable {
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  public final Path dir;
  private final Config config;
  private final java.util.Set<Integer> spares;
  private final int seedPort;
  private final List<BladeNode> nodes = new ArrayList<>();
  private final Clock clock;
  private String token;

  BackupBlades(int count, Clock clock) throws IOException {
    this(count, clock, java.util.Set.of(), ConfigFactory.empty());
  }

  /** {@code count} blades; those numbered in {@code spares} have role spare; {@code extra} over the test settings. */
  public BackupBlades(int count, Clock clock, java.util.Set<Integer> spares, Config extra) throws IOException {
    this.spares = spares;
    this.dir = Files.createTempDirectory("dci-backup-test");
    this.clock = clock;
    this.config = extra.withFallback(ConfigFactory.parseString("""
        dci.backup.tick = 200ms
        dci.backup.sync-interval = 1s
        dci.backup.mirror-lag = 300ms
        dci.backup.gc-grace = 0s
        dci.vnas.keeper-interval = 1h
        """).withFallback(TestCage.testConfig()));
    this.seedPort = TestCage.freePort();
    for (int k = 1; k <= count; k++) {
      nodes.add(start(k, k == 1 ? seedPort : TestCage.freePort()));
    }
    awaitUp(count);
  }

  private BladeNode start(int k, int port) {
    BladeSettings s = new BladeSettings("blade-" + k, "127.0.0.1", port, "127.0.0.1", TestCage.freePort(),
        dir.resolve("blade-" + k), k == 1 ? List.of() : List.of("127.0.0.1:" + seedPort), "default",
        spares.contains(k) ? List.of("spare") : List.of());
    if (k > 1) {
      dci.app.node.Cage.enrol(s, dir.resolve("blade-1"));
    }
    return BladeNode.start(s, config, TestPeerlets.registry(), k == 1 ? dir.resolve("admin.password") : null, clock);
  }

  public BladeNode blade(int k) {
    return nodes.get(k - 1);
  }

  /** Waits until blade 1 sees {@code n} blades Up with their API known. */
  public void awaitUp(int n) {
    await(() -> blade(1).blades().stream()
        .filter(b -> b.status() == dci.protocol.BladeStatus.Up && b.api() != null).count() >= n, 60);
  }

  /** Kills blade {@code k} the hard way (no leaving) and waits until the others see it Down. */
  public void crash(int k) {
    blade(k).system().terminate();
    try {
      blade(k).system().getWhenTerminated().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    String name = "blade-" + k;
    await(() -> blade(1).blades().stream().noneMatch(b -> b.name().equals(name)
        && (b.status() == dci.protocol.BladeStatus.Up || b.status() == dci.protocol.BladeStatus.Unreachable)), 60);
  }

  /** Starts blade {@code k} again on its data directory (a new incarnation on a new port). */
  void restart(int k) {
    nodes.set(k - 1, start(k, TestCage.freePort()));
  }

  // ---- the API

  public String token() {
    if (token == null) {
      try {
        String pw = dci.hardware.SecretFile.read(dir.resolve("admin.password"));
        token = call("POST", "/api/login", Map.of("user", "admin", "password", pw)).get("token").asText();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return token;
  }

  public HttpResponse<String> raw(int k, String method, String path, Object body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(blade(k).apiUrl() + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
    if (!path.equals("/api/login")) {
      b.header("Authorization", "Bearer " + token());
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public JsonNode call(String method, String path, Object body) {
    return call(1, method, path, body);
  }

  public JsonNode call(int k, String method, String path, Object body) {
    HttpResponse<String> rsp = raw(k, method, path, body);
    if (rsp.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " answered " + rsp.statusCode() + ": " + rsp.body());
    }
    try {
      return Json.mapper().readTree(rsp.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void configure(String blade, Map<String, Object> settings) {
    Map<String, Object> body = new java.util.HashMap<>(settings);
    body.put("blade", blade);
    call("PUT", "/api/backup/config", body);
    await(() -> {
      for (BladeNode n : nodes) {
        if (!n.system().whenTerminated().isCompleted() && !n.backup().configs().all().toCompletableFuture().join()
            .containsKey(blade)) {
          return false;
        }
      }
      return true;
    }, 20);
  }

  /** Starts a job through blade 1's API and waits for its end; returns the finished job. */
  JsonNode job(String path, Object body) {
    JsonNode job = call("POST", path, body);
    long deadline = System.currentTimeMillis() + 120_000;
    while ("running".equals(job.get("state").asText()) && System.currentTimeMillis() < deadline) {
      sleep(100);
      job = call("GET", "/api/backup/jobs/" + job.get("id").asText() + "?blade=" + job.get("blade").asText(), null);
    }
    return job;
  }

  /** The finished job's result; fails the test if the job failed. */
  JsonNode result(String path, Object body) {
    JsonNode job = job(path, body);
    if (!"done".equals(job.get("state").asText())) {
      throw new AssertionError(path + " " + job.get("state").asText() + ": " + job.get("error").asText());
    }
    try {
      return Json.mapper().readTree(job.get("result").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String run(String blade) {
    return result("/api/backup/run", Map.of("blade", blade)).get("archive").get("id").asText();
  }

  JsonNode archives(String blade) {
    return call("GET", "/api/backup/archives?blade=" + blade, null);
  }

  JsonNode restore(String blade, String upto, Path target, List<String> files) {
    return result("/api/backup/restore", files == null
        ? Map.of("blade", blade, "upto", upto, "target", target.toString())
        : Map.of("blade", blade, "upto", upto, "target", target.toString(), "files", files));
  }

  public static void await(java.util.function.BooleanSupplier cond, int seconds) {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (!cond.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within " + seconds + " s");
      }
      sleep(100);
    }
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
