package dci.app.moves;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.node.NodeProcesses;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A swap (Fig. 20) with real {@code dci node} processes: u1 on blade-2 and u2 on blade-3 swap
 * blades, planned on blade-1, which is SIGKILLed once u1's home is copied into blade-3's
 * temporary folder and then started again on its data directory: the move resumes there and ends
 * done, each desk on its new blade with every file byte for byte, no temporary folder nor old home left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MovesKillProcessTest {
  /** Every file of the user's folder d with its name and content (no cd: a confined desk's dash cannot). */
  private static final String FILES = "find d -type f | sort | xargs sha256sum | sha256sum";
  private NodeProcesses blades;
  private Path conf;

  @BeforeAll
  void startThreeBlades() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "moves-kill-");
    conf = dir.resolve("moves.conf");
    Files.writeString(conf, """
        dci.backup.tick = 300ms
        dci.backup.mirror-lag = 300ms
        """);
    blades = new NodeProcesses(dir);
    for (int k = 1; k <= 3; k++) {
      blades.startAndAwait("blade-" + k, 90, "--config", conf.toString());
    }
    blades.awaitAllUp("blade-1", 120);
  }

  @AfterAll
  void stopAll() throws Exception {
    blades.close();
    blades.deleteData(); // the logs stay under target/
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void aSwapWhoseCoordinatorIsKilledAfterTheFirstCopyResumesWhenItReturnsAndEndsDone() throws Exception {
    blades.ok("blade-1", "PUT", "/api/ports/u1", Map.of("blade", "blade-2"));
    blades.ok("blade-1", "PUT", "/api/ports/u2", Map.of("blade", "blade-3"));
    desk("u1", "mkdir -p d && for i in $(seq 1 40); do echo u1-$i > d/f$i; done");
    // u2's copy takes a while longer than u1's: blade-1 is killed between them
    desk("u2", "mkdir -p d && for i in $(seq 1 40); do echo u2-$i > d/f$i; done"
        + " && head -c 100000000 /dev/urandom > d/big.bin");
    String h1 = desk("u1", FILES);
    String h2 = desk("u2", FILES);

    String id = blades.ok("blade-1", "POST", "/api/moves", Map.of("kind", "swap", "pairs", List.of(
        Map.of("user", "u1", "from", "blade-2", "to", "blade-3"),
        Map.of("user", "u2", "from", "blade-3", "to", "blade-2")))).get("id").asText();
    blades.ok("blade-1", "POST", "/api/moves/" + id + "/run", null);
    blades.await("u1's home copied into blade-3's temporary folder", 180,
        () -> move("blade-2", id) != null && move("blade-2", id).get("steps").toString().contains("copied u1's home"));
    blades.kill("blade-1");
    blades.await("blade-1 gone from blade-2's view", 60, () -> {
      for (JsonNode b : blades.ok("blade-2", "GET", "/api/blades", null)) {
        if (b.get("name").asText().equals("blade-1") && b.get("status").asText().equals("Up")) {
          return false;
        }
      }
      return true;
    });

    blades.seed("blade-2").startAndAwait("blade-1", 90, "--config", conf.toString());
    blades.await("the move done after blade-1 returned", 180, () -> {
      JsonNode m = move("blade-2", id);
      return m != null && !List.of("planned", "running").contains(m.get("state").asText());
    });
    JsonNode done = move("blade-2", id);
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
    String steps = done.get("steps").toString();
    assertThat(steps).contains("resumed on blade-1 after it restarted", "switched u1's port to blade-3",
        "switched u2's port to blade-2");
    assertThat(steps.indexOf("resumed on blade-1")).as("u1's copy came before the kill")
        .isGreaterThan(steps.indexOf("copied u1's home"));

    assertThat(desk("u1", "echo $DCI_BLADE")).isEqualTo("blade-3");
    assertThat(desk("u2", "echo $DCI_BLADE")).isEqualTo("blade-2");
    assertThat(desk("u1", FILES)).as("u1's files byte for byte").isEqualTo(h1);
    assertThat(desk("u2", FILES)).as("u2's files byte for byte").isEqualTo(h2);
    for (String b : List.of("blade-2", "blade-3")) {
      assertThat(Files.exists(blades.node(b).data().resolve("home/.dci-move/" + id))).as("temporary folder on " + b)
          .isFalse();
    }
    assertThat(Files.exists(blades.node("blade-2").data().resolve("home/u1"))).as("u1's old home").isFalse();
    assertThat(Files.exists(blades.node("blade-3").data().resolve("home/u2"))).as("u2's old home").isFalse();
  }

  /** Move {@code id} as {@code via} shows it, null while its coordinator does not answer. */
  private JsonNode move(String via, String id) {
    HttpResponse<String> r = blades.call(via, "GET", "/api/moves/" + id, null);
    return NodeProcesses.status(r) == 200 ? NodeProcesses.json(r) : null;
  }

  private String desk(String user, String script) {
    JsonNode r = blades.ok("blade-2", "POST", "/api/desk/" + user + "/exec", Map.of("argv", List.of("sh", "-c", script)));
    assertThat(r.get("exitCode").asInt()).as(r.toString()).isZero();
    return r.get("stdout").asText().strip();
  }
}
