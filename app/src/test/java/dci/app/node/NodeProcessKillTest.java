package dci.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node death with real processes, fail-over off: three {@code dci node} JVMs form a cluster, one is killed
 * with SIGKILL, and the two survivors must see it Unreachable, then Down within 13 s (failure
 * detector: 1 s heartbeat + 5 s acceptable pause; split brain resolver keep-majority,
 * stable-after 3 s; see dci-runtime.conf in dci-actors), while their APIs keep answering and
 * they still see each other Up. With fail-over off there are no lifelines: this is the
 * detector's own path, the one a blade that hangs or is cut off takes.
 */
class NodeProcessKillTest {
  /** The configured target from the kill to Down on every survivor. */
  private static final long DOWN_TARGET_MS = 13_000;
  /** How long the survivors are watched after the kill (past the target, to measure a miss). */
  private static final long WATCH_MS = 20_000;
  /** Poll interval: short enough to catch the few seconds blade-3 is Unreachable before Down. */
  private static final long POLL_MS = 200;
  private static final Duration START_LIMIT = Duration.ofSeconds(45);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** Every process started, across tests: killed after each test and, as a safety net, after all. */
  private static final List<Process> PROCESSES = new CopyOnWriteArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void killEveryNode() {
    killAll();
  }

  @AfterAll
  static void killAnyNodeLeft() {
    killAll();
  }

  private static void killAll() {
    for (Process p : PROCESSES) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : PROCESSES) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    PROCESSES.clear();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void survivorsSeeASigkilledBladeUnreachableThenDownWithin13sAndKeepAnsweringWithEachOtherUp()
      throws Exception {
    int[] ports = NodeProcesses.freePorts(6);
    int[] artery = {ports[0], ports[1], ports[2]};
    int[] api = {ports[3], ports[4], ports[5]};
    String[] url = new String[3];
    Blade[] blades = new Blade[3];
    for (int i = 0; i < 3; i++) {
      url[i] = "http://127.0.0.1:" + api[i];
      blades[i] = start("blade-" + (i + 1), artery[i], api[i], i == 0 ? null : artery[0]);
    }

    long startDeadline = System.nanoTime() + START_LIMIT.toNanos();
    for (int i = 0; i < 3; i++) {
      int k = i;
      awaitUntil(startDeadline, "the API of blade-" + (i + 1) + " to answer /api/health", blades,
          () -> statusCode(get(url[k] + "/api/health", null)) == 200);
    }
    Path passwordFile = blades[0].data().resolve("admin.password");
    awaitUntil(startDeadline, "blade-1 to write " + passwordFile, blades, () -> Files.isRegularFile(passwordFile));
    String token = login(url[0], firstLine(passwordFile));
    // All three Up, as seen by both future survivors (blade-2 also proves the token works there).
    for (int i = 0; i < 2; i++) {
      int k = i;
      awaitUntil(startDeadline, "blade-" + (i + 1) + " to list blade-1, blade-2 and blade-3 Up", blades, () -> {
        HttpResponse<String> r = get(url[k] + "/api/blades", token);
        if (statusCode(r) != 200) {
          return false;
        }
        Map<String, String> s = statuses(r);
        return "Up".equals(s.get("blade-1")) && "Up".equals(s.get("blade-2")) && "Up".equals(s.get("blade-3"));
      });
    }

    Process victim = blades[2].process();
    long killedAt = System.nanoTime();
    victim.destroyForcibly(); // SIGKILL on Linux
    assertThat(victim.waitFor(5, TimeUnit.SECONDS)).as("blade-3 dies at once on SIGKILL").isTrue();
    assertThat(victim.exitValue()).as("exit status of a SIGKILLed process").isEqualTo(128 + 9);

    long[] unreachableMs = {-1, -1};
    long[] downMs = {-1, -1};
    List<Set<String>> seen = List.of(new LinkedHashSet<>(), new LinkedHashSet<>());
    List<List<String>> trail = List.of(new ArrayList<>(), new ArrayList<>());
    // every POLL_MS, both survivors are asked what they see of blade-3, until both list it Down (or WATCH_MS pass:
    // then the assertions below tell what was seen)
    try {
      await("blade-1 and blade-2 list blade-3 Down").atMost(Duration.ofMillis(WATCH_MS)).pollInSameThread()
          .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(POLL_MS)).until(() -> {
            for (int i = 0; i < 2; i++) {
              HttpResponse<String> r = get(url[i] + "/api/blades", token);
              long at = elapsedMs(killedAt);
              assertThat(statusCode(r)).as("blade-%d answers GET /api/blades %d ms after the kill (%s)",
                  i + 1, at, r == null ? "no answer" : r.body()).isEqualTo(200);
              Map<String, String> s = statuses(r);
              String third = s.getOrDefault("blade-3", "absent");
              seen.get(i).add(third);
              trail.get(i).add(at + "ms:" + third);
              if (third.equals("Unreachable") && unreachableMs[i] < 0) {
                unreachableMs[i] = at;
              }
              if (third.equals("Down") && downMs[i] < 0) {
                downMs[i] = at;
              }
              assertThat(s.get("blade-1")).as("blade-%d sees blade-1 at %d ms", i + 1, at).isEqualTo("Up");
              assertThat(s.get("blade-2")).as("blade-%d sees blade-2 at %d ms", i + 1, at).isEqualTo("Up");
            }
            return downMs[0] >= 0 && downMs[1] >= 0;
          });
    } catch (ConditionTimeoutException e) {
      // not Down within WATCH_MS on at least one survivor: asserted below with what each saw
    }
    // Surefire writes this to target/surefire-reports/dci.app.node.NodeProcessKillTest-output.txt
    System.out.printf("NodeProcessKillTest timings after SIGKILL of blade-3: "
            + "blade-1 sees Unreachable %d ms, Down %d ms; blade-2 sees Unreachable %d ms, Down %d ms%n",
        unreachableMs[0], downMs[0], unreachableMs[1], downMs[1]);

    for (int i = 0; i < 2; i++) {
      String who = "blade-" + (i + 1);
      assertThat(seen.get(i)).as("what %s reported for blade-3 after the kill: %s", who, trail.get(i))
          .contains("Unreachable", "Down").isSubsetOf("Up", "Unreachable", "Down");
      assertThat(unreachableMs[i]).as("%s saw blade-3 Unreachable before Down: %s", who, trail.get(i))
          .isLessThan(downMs[i]);
      assertThat(downMs[i]).as("ms from the kill until %s listed blade-3 Down (target %d ms): %s",
          who, DOWN_TARGET_MS, trail.get(i)).isBetween(0L, DOWN_TARGET_MS);
    }
    // Down is final (kept in the directory as Down), and the survivors still answer and see each other Up.
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> r = get(url[i] + "/api/blades", token);
      assertThat(statusCode(r)).as("blade-%d answers after blade-3 is Down", i + 1).isEqualTo(200);
      assertThat(statuses(r)).as("blade-%d's directory after blade-3 is Down", i + 1)
          .containsEntry("blade-1", "Up").containsEntry("blade-2", "Up").containsEntry("blade-3", "Down");
    }
  }

  // ---- processes

  private record Blade(String name, Process process, Path data, Path log) {}

  private Blade start(String name, int port, int httpPort, Integer seedPort) throws IOException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path data = dir.resolve(name);
    Path log = dir.resolve(name + ".log");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "-XX:+UseSerialGC", "-Xmx256m", "-cp", cp, "dci.app.Main", "node",
        "--name", name, "--port", Integer.toString(port), "--http-port", Integer.toString(httpPort),
        "--data", data.toString(), "--config", noFailover().toString()));
    if (seedPort != null) {
      cmd.addAll(List.of("--seed", "127.0.0.1:" + seedPort));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    Process p = pb.start();
    PROCESSES.add(p);
    return new Blade(name, p, data, log);
  }

  /**
   * This test is about the failure detector and the split brain resolver alone: the fail-over's
   * shortcut (a confirmed blade is downed at once, before anyone polls it Unreachable) is off.
   */
  private Path noFailover() throws IOException {
    Path conf = dir.resolve("no-failover.conf");
    if (!Files.exists(conf)) {
      Files.writeString(conf, "dci.failover.enabled = off\n");
    }
    return conf;
  }

  /** Polls {@code condition} every 200 ms until {@code deadline}; fails with the blades' log tails. */
  private static void awaitUntil(long deadline, String what, Blade[] blades, Supplier<Boolean> condition) {
    try {
      await(what).atMost(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()))).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(POLL_MS)).until(() -> {
            if (condition.get()) {
              return true;
            }
            for (Blade b : blades) {
              if (!b.process().isAlive()) {
                throw new AssertionError(b.name() + " exited (" + b.process().exitValue() + ") while waiting for "
                    + what + "\n" + tails(blades));
              }
            }
            return false;
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("timed out after " + START_LIMIT.toSeconds() + " s waiting for " + what + "\n"
          + tails(blades), e);
    }
  }

  private static String tails(Blade[] blades) {
    StringBuilder sb = new StringBuilder();
    for (Blade b : blades) {
      sb.append("---- ").append(b.log()).append('\n');
      try {
        List<String> lines = Files.readAllLines(b.log(), StandardCharsets.UTF_8);
        lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> sb.append(l).append('\n'));
      } catch (IOException | UncheckedIOException e) {
        sb.append("(unreadable: ").append(e.getMessage()).append(")\n");
      }
    }
    return sb.toString();
  }

  private static long elapsedMs(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1_000_000;
  }

  // ---- HTTP

  /** GET; null when the connection fails (a blade not listening yet). */
  private static HttpResponse<String> get(String url, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException notListening) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int statusCode(HttpResponse<String> r) {
    return r == null ? -1 : r.statusCode();
  }

  private static String login(String baseUrl, String password) throws Exception {
    String body = JSON.writeValueAsString(Map.of("user", "admin", "password", password));
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/login"))
            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("admin login at %s: %s", baseUrl, r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).get("token").asText();
  }

  /** Blade name to status, from a GET /api/blades answer. */
  private static Map<String, String> statuses(HttpResponse<String> r) {
    try {
      Map<String, String> m = new TreeMap<>();
      for (JsonNode b : JSON.readTree(r.body())) {
        m.put(b.get("name").asText(), b.get("status").asText());
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException("not a blade list: " + r.body(), e);
    }
  }

  /** The admin password: the file's first line. */
  private static String firstLine(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    return (nl >= 0 ? text.substring(0, nl) : text).strip();
  }
}
