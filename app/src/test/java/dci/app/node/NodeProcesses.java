package dci.app.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Real blades as separate {@code dci node} JVMs on loopback, for tests that kill them with
 * SIGKILL: start with extra flags (roles, cage, a config file), reach each one's HTTP API with an
 * admin token, kill one, and on close kill every process left. Failures carry the blades' log tails.
 */
public final class NodeProcesses implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One blade process; {@code port}: its cluster (Artery) port. */
  public record Node(String name, Process process, Path data, Path log, String url, int port) {}

  private final Path dir;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private Integer seedPort;
  private String token;
  private String heap = "256m";

  public NodeProcesses(Path dir) {
    this.dir = dir;
  }

  /** The heap limit ({@code -Xmx}) of blades started from now on; 256m unless set. */
  public NodeProcesses heap(String xmx) {
    this.heap = xmx;
    return this;
  }

  /**
   * Blades started from now on join through blade {@code name} (by default the first one started
   * is every later one's seed): to start the first blade again after killing it, seed it from another.
   */
  public NodeProcesses seed(String name) {
    this.seedPort = node(name).port();
    return this;
  }

  /** Starts blade {@code name} (again on the same data directory if it ran before); the seed joins it. */
  public Node start(String name, String... flags) throws IOException {
    return launch(name, "127.0.0.1", 0, true, flags);
  }

  /**
   * Starts blade {@code name} on loopback address {@code host} (any of 127.0.0.0/8) with no seed:
   * it forms a cluster of its own, or with {@code --await-admission} waits to be admitted. Its
   * cluster port is {@code port} (another address's blade may use the same number), or a free one if 0.
   */
  public Node startAlone(String name, String host, int port, String... flags) throws IOException {
    List<String> all = new ArrayList<>(List.of("--host", host));
    all.addAll(List.of(flags));
    return launch(name, host, port, false, all.toArray(String[]::new));
  }

  private Node launch(String name, String host, int port, boolean seeded, String... flags) throws IOException {
    int[] ports = freePorts(2);
    if (port != 0) {
      ports[0] = port;
    }
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path data = dir.resolve(name);
    Path log = dir.resolve(name + ".log");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "-XX:+UseSerialGC", "-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-cp", cp, "dci.app.Main", "node",
        "--name", name, "--port", Integer.toString(ports[0]), "--http-port", Integer.toString(ports[1]),
        "--data", data.toString()));
    if (!seeded) {
      // a cluster of its own, or a node waiting for admission
    } else if (seedPort != null) {
      cmd.addAll(List.of("--seed", "127.0.0.1:" + seedPort));
    } else {
      seedPort = ports[0];
    }
    cmd.addAll(List.of(flags));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // the blade halts if this test JVM dies without cleaning up (see NodeCommand)
    pb.environment().put("DCI_EXIT_WITH_PARENT", Long.toString(ProcessHandle.current().pid()));
    // the first blade's same-machine enrolment offer, for the others, stays in this test's folder
    pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    Process p = pb.start();
    Node n = new Node(name, p, data, log, "http://" + host + ":" + ports[1], ports[0]);
    nodes.put(name, n);
    return n;
  }

  /**
   * Starts blade {@code name} and waits until its API answers: blades started one after the
   * other keep a small machine from starving the heartbeats of those already up (six JVMs
   * starting at once on two cores pause long enough to be marked unreachable and downed).
   */
  public Node startAndAwait(String name, int seconds, String... flags) throws IOException {
    Node n = start(name, flags);
    await(name + "'s API to answer /api/health", seconds, () -> {
      if (!n.process().isAlive()) {
        throw new AssertionError(name + " exited while starting\n" + tails());
      }
      return status(get(n.url() + "/api/health")) == 200;
    });
    return n;
  }

  public Node node(String name) {
    return nodes.get(name);
  }

  /** Waits until every started blade answers and {@code via} lists them all Up with an API. */
  public void awaitAllUp(String via, int seconds) {
    await("every blade's API to answer /api/health", seconds,
        () -> nodes.values().stream().allMatch(n -> status(get(n.url() + "/api/health")) == 200));
    token();
    await("all " + nodes.size() + " blades Up", seconds, () -> {
      HttpResponse<String> r = get(node(via).url() + "/api/blades");
      if (status(r) != 200) {
        return false;
      }
      return json(r).findValues("status").stream().filter(s -> s.asText().equals("Up")).count() == nodes.size();
    });
  }

  /** SIGKILL, and waits for the process to be gone. */
  public void kill(String name) throws InterruptedException {
    Process p = node(name).process();
    p.destroyForcibly();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " did not die within 10 s of SIGKILL");
    }
  }

  public boolean alive(String name) {
    return node(name).process().isAlive();
  }

  // ---- the API, as the admin

  /** The admin's token, logged in at the first blade with the password it wrote. */
  public String token() {
    if (token == null) {
      Path file = nodes.values().iterator().next().data().resolve("admin.password");
      await("the first blade to write " + file, 60, () -> Files.isRegularFile(file));
      try {
        String pw = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        HttpResponse<String> r = send(nodes.values().iterator().next().url(), "POST", "/api/login",
            Map.of("user", "admin", "password", pw), null);
        if (status(r) != 200) {
          throw new AssertionError("admin login: " + (r == null ? "no answer" : r.body()));
        }
        token = json(r).get("token").asText();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return token;
  }

  /** A call through {@code via}'s API as the admin; null when it does not answer. */
  public HttpResponse<String> call(String via, String method, String path, Object body) {
    return send(node(via).url(), method, path, body, token());
  }

  /** As {@link #call}, failing unless it answers 2xx; the JSON answer. */
  public JsonNode ok(String via, String method, String path, Object body) {
    HttpResponse<String> r = call(via, method, path, body);
    if (status(r) / 100 != 2) {
      throw new AssertionError(method + " " + path + " on " + via + " answered "
          + (r == null ? "nothing" : r.statusCode() + ": " + r.body()) + "\n" + tails());
    }
    return json(r);
  }

  private HttpResponse<String> get(String url) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  private static HttpResponse<String> send(String base, String method, String path, Object body, String token) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90))
          .header("Content-Type", "application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      return send(b.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpResponse<String> send(HttpRequest req) {
    try {
      return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException notListening) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static int status(HttpResponse<String> r) {
    return r == null ? -1 : r.statusCode();
  }

  public static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + r.body(), e);
    }
  }

  // ---- waiting

  /** Polls every 200 ms; fails with the blades' log tails when {@code seconds} pass. */
  public void await(String what, int seconds, BooleanSupplier condition) {
    try {
      Awaitility.await(what).atMost(Duration.ofSeconds(seconds)).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("timed out after " + seconds + " s waiting for " + what + "\n" + tails(), e);
    }
  }

  /** The last lines of every blade's log. */
  public String tails() {
    StringBuilder sb = new StringBuilder();
    for (Node n : nodes.values()) {
      sb.append("---- ").append(n.name()).append(n.process().isAlive() ? "" : " (exited)").append('\n');
      try {
        List<String> lines = Files.readAllLines(n.log(), StandardCharsets.UTF_8);
        lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> sb.append(l).append('\n'));
      } catch (IOException | UncheckedIOException e) {
        sb.append("(unreadable: ").append(e.getMessage()).append(")\n");
      }
    }
    return sb.toString();
  }

  @Override
  public void close() {
    for (Node n : nodes.values()) {
      n.process().descendants().forEach(ProcessHandle::destroyForcibly);
      n.process().destroyForcibly();
    }
    for (Node n : nodes.values()) {
      try {
        n.process().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Removes every blade's data directory (after {@link #close}), keeping the logs. */
  public void deleteData() throws IOException {
    for (Node n : nodes.values()) {
      if (Files.exists(n.data())) {
        try (var walk = Files.walk(n.data())) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /** Distinct free ports: all sockets are held open together so no port is handed out twice. */
  public static int[] freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0);
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }
}
