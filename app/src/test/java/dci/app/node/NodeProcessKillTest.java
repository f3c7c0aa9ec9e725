package dci.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.Http;
import dci.app.TestCage;
import dci.hardware.SecretFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real {@code dci node} processes; one is killed with SIGKILL. The survivors must mark
 * it Unreachable, then Down within the configured 10 s (failure detector 1 s + 2 s pause, split
 * brain resolver stable-after 3 s), and keep answering.
 */
class NodeProcessKillTest {
  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killAll() {
    processes.forEach(Process::destroyForcibly);
  }

  private Process node(String name, int port, int httpPort, Integer seedPort) throws IOException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", cp, "dci.app.Main", "node",
        "--name", name, "--port", Integer.toString(port), "--http-port", Integer.toString(httpPort),
        "--data", dir.resolve(name).toString()));
    if (seedPort != null) {
      cmd.addAll(List.of("--seed", "127.0.0.1:" + seedPort));
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    processes.add(p);
    return p;
  }

  private static String statusOf(JsonNode blades, String name) {
    for (JsonNode b : blades) {
      if (b.get("name").asText().equals(name)) {
        return b.get("status").asText();
      }
    }
    return "absent";
  }

  private static void await(String what, long timeoutMs, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  @Test
  void survivorsMarkAKilledBladeUnreachableThenDownWithin10sAndKeepAnswering() throws Exception {
    int[] artery = {TestCage.freePort(), TestCage.freePort(), TestCage.freePort()};
    int[] http = {TestCage.freePort(), TestCage.freePort(), TestCage.freePort()};
    node("blade-1", artery[0], http[0], null);
    node("blade-2", artery[1], http[1], artery[0]);
    Process third = node("blade-3", artery[2], http[2], artery[0]);
    String[] urls = new String[3];
    for (int i = 0; i < 3; i++) {
      urls[i] = "http://127.0.0.1:" + http[i];
    }
    Path passwordFile = dir.resolve("blade-1").resolve("admin.password");
    await("blade-1 to write its admin password", 60_000, () -> passwordFile.toFile().length() > 0);
    await("every API to answer", 60_000, () -> {
      try {
        for (String u : urls) {
          if (Http.get(u + "/api/health", null).status() != 200) {
            return false;
          }
        }
        return true;
      } catch (RuntimeException notYet) {
        return false;
      }
    });
    String token = Http.login(urls[0], "admin", SecretFile.read(passwordFile));
    await("three blades Up on blade-1 and blade-2", 60_000, () -> {
      for (int i = 0; i < 2; i++) {
        JsonNode blades = Http.get(urls[i] + "/api/blades", token).json();
        for (String n : new String[] {"blade-1", "blade-2", "blade-3"}) {
          if (!statusOf(blades, n).equals("Up")) {
            return false;
          }
        }
      }
      return true;
    });

    long killedAt = System.nanoTime();
    third.destroyForcibly(); // SIGKILL on Linux
    assertThat(third.waitFor(10, TimeUnit.SECONDS)).isTrue();

    boolean[] sawUnreachable = new boolean[2];
    long[] downAfterMs = {-1, -1};
    while ((downAfterMs[0] < 0 || downAfterMs[1] < 0) && System.nanoTime() - killedAt < 20_000_000_000L) {
      for (int i = 0; i < 2; i++) {
        if (downAfterMs[i] >= 0) {
          continue;
        }
        Http.Reply r = Http.get(urls[i] + "/api/blades", token);
        assertThat(r.status()).as("blade-%d keeps answering", i + 1).isEqualTo(200);
        String s = statusOf(r.json(), "blade-3");
        if (s.equals("Unreachable")) {
          sawUnreachable[i] = true;
        } else if (s.equals("Down")) {
          downAfterMs[i] = (System.nanoTime() - killedAt) / 1_000_000;
        }
      }
      Thread.sleep(100);
    }
    System.out.printf("blade-3 Down after %d ms (blade-1), %d ms (blade-2)%n", downAfterMs[0], downAfterMs[1]);
    for (int i = 0; i < 2; i++) {
      assertThat(sawUnreachable[i]).as("blade-%d saw blade-3 Unreachable first", i + 1).isTrue();
      assertThat(downAfterMs[i]).as("blade-%d marked blade-3 Down (ms after the kill)", i + 1)
          .isBetween(0L, 10_000L);
      JsonNode blades = Http.get(urls[i] + "/api/blades", token).json();
      assertThat(statusOf(blades, "blade-1")).isEqualTo("Up");
      assertThat(statusOf(blades, "blade-2")).isEqualTo("Up");
    }
  }
}
