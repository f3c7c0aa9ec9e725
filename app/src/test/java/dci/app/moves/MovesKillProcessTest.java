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
 * The seed's three moves with real {@code dci node} processes (three blades, each home streamed
 * or restored between processes over their APIs): a one-to-one of u3 (Fig. 18), a cascade of
 * three blades (Fig. 19) and a swap (Fig. 20) of u6 and u7, each ending with every desk on its new
 * blade, every file byte for byte, no temporary folder nor old home. Then the same swap of u1 on
 * blade-2 and u2 on blade-3, planned on blade-1, which is SIGKILLed once u1's home is copied into blade-3's
 * temporary folder and then started again on its data directory: the move resumes there and ends
 * done, each desk on its new blade with every file byte for byte, no temporary folder nor old home left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
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
  @org.junit.jupiter.api.Order(1)
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aOneToOneStreamsTheHomeToTheNewBladeAndMovesTheDesk() {
    blades.ok("blade-1", "PUT", "/api/ports/u3", Map.of("blade", "blade-2"));
    desk("u3", "mkdir -p d/deep/er && for i in $(seq 1 40); do echo u3-$i > d/f$i; done && chmod 600 d/f1"
        + " && head -c 3000000 /dev/urandom > d/deep/er/big.bin && ln -s f2 d/link");
    String h = desk("u3", FILES);
    String id = plan("one-to-one", Map.of("user", "u3", "from", "blade-2", "to", "blade-3"));
    JsonNode done = runToEnd(id);
    assertThat(done.get("steps").toString()).contains("copied u3's home from blade-2 straight into");
    assertMoved("u3", "blade-2", "blade-3", h, id);
    assertThat(desk("u3", "stat -c %a d/f1; readlink d/link")).as("mode and link kept").isEqualTo("600\nf2");
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aCascadeOfThreeBladesMovesEachUserOneBladeDownTheChainInOrder() {
    blades.ok("blade-1", "PUT", "/api/ports/u4", Map.of("blade", "blade-1"));
    blades.ok("blade-1", "PUT", "/api/ports/u5", Map.of("blade", "blade-2"));
    desk("u4", "mkdir -p d && for i in $(seq 1 30); do echo u4-$i > d/f$i; done");
    desk("u5", "mkdir -p d && for i in $(seq 1 30); do echo u5-$i > d/f$i; done");
    String h4 = desk("u4", FILES);
    String h5 = desk("u5", FILES);
    // the new blade-3 takes u5 from blade-2, then blade-2 takes u4 from blade-1
    String id = plan("cascade", Map.of("user", "u5", "from", "blade-2", "to", "blade-3"),
        Map.of("user", "u4", "from", "blade-1", "to", "blade-2"));
    JsonNode done = runToEnd(id);
    assertMoved("u5", "blade-2", "blade-3", h5, id);
    assertMoved("u4", "blade-1", "blade-2", h4, id);
    String steps = done.get("steps").toString();
    assertThat(steps.indexOf("switched u5's port")).as("the chain in order").isLessThan(steps.indexOf("copied u4's home"));
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aSwapPutsEachUserOnTheOthersBladeWithItsFiles() {
    blades.ok("blade-1", "PUT", "/api/ports/u6", Map.of("blade", "blade-2"));
    blades.ok("blade-1", "PUT", "/api/ports/u7", Map.of("blade", "blade-3"));
    desk("u6", "mkdir -p d && for i in $(seq 1 30); do echo u6-$i > d/f$i; done");
    desk("u7", "mkdir -p d && for i in $(seq 1 30); do echo u7-$i > d/f$i; done");
    String h6 = desk("u6", FILES);
    String h7 = desk("u7", FILES);
    String id = plan("swap", Map.of("user", "u6", "from", "blade-2", "to", "blade-3"),
        Map.of("user", "u7", "from", "blade-3", "to", "blade-2"));
    JsonNode done = runToEnd(id);
    assertThat(done.get("steps").toString()).contains("backed up blade-2 with u6's home", "backed up blade-3 with u7's home");
    assertMoved("u6", "blade-2", "blade-3", h6, id);
    assertMoved("u7", "blade-3", "blade-2", h7, id);
  }

  @Test
  @org.junit.jupiter.api.Order(4)
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

  @SafeVarargs
  private String plan(String kind, Map<String, Object>... pairs) {
    return blades.ok("blade-1", "POST", "/api/moves", Map.of("kind", kind, "pairs", List.of(pairs))).get("id").asText();
  }

  private JsonNode runToEnd(String id) {
    blades.ok("blade-1", "POST", "/api/moves/" + id + "/run", null);
    blades.await("move " + id + " ended", 150, () -> {
      JsonNode m = move("blade-1", id);
      return m != null && !List.of("planned", "running").contains(m.get("state").asText());
    });
    JsonNode done = move("blade-1", id);
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
    return done;
  }

  private void assertMoved(String user, String from, String to, String hash, String id) {
    assertThat(desk(user, "echo $DCI_BLADE")).isEqualTo(to);
    assertThat(desk(user, FILES)).as(user + "'s files byte for byte").isEqualTo(hash);
    assertThat(Files.exists(blades.node(from).data().resolve("home/" + user))).as(user + "'s old home").isFalse();
    assertThat(Files.exists(blades.node(to).data().resolve("home/.dci-move/" + id))).as("temporary folder").isFalse();
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
