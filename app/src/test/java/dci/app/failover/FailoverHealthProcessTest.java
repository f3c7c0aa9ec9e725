package dci.app.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.node.NodeProcesses;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Fail-over from the blade's body, with real {@code dci node} processes: injected disk errors
 * flag impending failure and move the user before the blade dies (Fig. 6), and a cage losing
 * power takes its blades out together while a spare in the other cage takes over. Blades 1, 4
 * and the spares 5 and 6 sit in cage-1; blades 2 and 3 in cage-2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverHealthProcessTest {
  private static final Set<String> SPARES = Set.of("blade-5", "blade-6");
  private NodeProcesses blades;
  private Path dir;

  @BeforeAll
  void startTwoCages() throws Exception {
    dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "failover-health-");
    Path conf = dir.resolve("failover.conf");
    Files.writeString(conf, "dci.backup.tick = 300ms\n");
    blades = new NodeProcesses(dir);
    for (int k = 1; k <= 6; k++) {
      List<String> flags = new ArrayList<>(List.of("--config", conf.toString(),
          "--cage", k == 2 || k == 3 ? "cage-2" : "cage-1"));
      if (SPARES.contains("blade-" + k)) {
        flags.addAll(List.of("--role", "spare"));
      }
      blades.startAndAwait("blade-" + k, 90, flags.toArray(String[]::new));
    }
    blades.awaitAllUp("blade-1", 120);
  }

  @AfterAll
  void stopAll() throws Exception {
    blades.close();
    blades.deleteData(); // the blades' logs stay under target/ for a look after a failure
  }

  @Test
  @Order(1)
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void injectedDiskErrorsMoveTheUserToASpareBeforeTheBladeDiesCopyingWhatWasNeverBackedUp() throws Exception {
    blades.ok("blade-1", "PUT", "/api/ports/u3", Map.of("blade", "blade-4"));
    for (int i = 1; i <= 10; i++) {
      assertThat(desk("u3", "echo entry-" + i + " >> journal.txt").get("blade").asText()).isEqualTo("blade-4");
    }
    // no backup of blade-4 was ever run: only a copy after detection can save journal.txt
    assertThat(blades.ok("blade-1", "GET", "/api/backup/archives?blade=blade-4", null)).isEmpty();

    blades.ok("blade-1", "POST", "/api/faults", Map.of("blade", "blade-4", "fault", "disk-errors=0.5"));
    blades.await("a finished fail-over of blade-4", 120, () -> {
      JsonNode r = recordOrNull("blade-4");
      return r != null && r.get("state").asText().equals("done");
    });
    JsonNode record = recordOrNull("blade-4");
    assertThat(blades.alive("blade-4")).as("blade-4 still runs: the move was pre-emptive").isTrue();
    assertThat(record.get("method").asText()).isEqualTo("copy_after_detection");
    assertThat(record.get("cause").asText()).contains("impending failure").contains("disk error rate");
    assertThat(record.get("replacement").asText()).isIn(SPARES);
    assertThat(record.get("steps").toString()).contains("copied blade-4");
    // the health verdict every blade sees
    JsonNode m = blades.ok("blade-1", "GET", "/api/metrics?blade=blade-4", null).get(0);
    assertThat(m.get("faults").toString()).contains("disk-errors=0.5");
    // the probe's error rate is measured over a window of random failures: over the limit, or near it
    assertThat(m.get("condition").asText()).isIn("impending", "warning");

    JsonNode back = desk("u3", "cat journal.txt");
    assertThat(back.get("blade").asText()).isEqualTo(record.get("replacement").asText());
    assertThat(back.get("stdout").asText().lines().toList()).as("every entry written on the failing blade")
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> "entry-" + i).toList());
  }

  @Test
  @Order(2)
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void cagePowerOffTakesItsBladesOutTogetherAndASpareInTheOtherCageTakesOver() throws Exception {
    blades.ok("blade-1", "PUT", "/api/ports/u4", Map.of("blade", "blade-2"));
    for (int i = 1; i <= 5; i++) {
      desk("u4", "echo doc-" + i + " > doc" + i + ".txt");
    }
    JsonNode job = blades.ok("blade-1", "POST", "/api/backup/run", Map.of("blade", "blade-2"));
    blades.await("blade-2's backup run", 60, () -> "done".equals(blades.ok("blade-1", "GET",
        "/api/backup/jobs/" + job.get("id").asText() + "?blade=blade-2", null).get("state").asText()));
    String spareLeft = SPARES.stream().filter(s -> !s.equals(recordOrNull("blade-4").get("replacement").asText()))
        .findFirst().orElseThrow();

    blades.ok("blade-1", "POST", "/api/faults", Map.of("blade", "blade-3", "fault", "cage-power-off"));
    assertThat(blades.node("blade-2").process().waitFor(15, TimeUnit.SECONDS)).as("blade-2 lost power").isTrue();
    assertThat(blades.node("blade-3").process().waitFor(15, TimeUnit.SECONDS)).as("blade-3 lost power").isTrue();
    assertThat(blades.alive("blade-1") && blades.alive("blade-4") && blades.alive(spareLeft))
        .as("cage-1 keeps its power").isTrue();

    JsonNode[] got = {null};
    String[] last = {"no answer yet"};
    try {
      blades.await("u4's desk back on a spare", 90, () -> {
        HttpResponse<String> r = blades.call("blade-1", "POST", "/api/desk/u4/exec",
            Map.of("argv", List.of("sh", "-c", "cat doc1.txt doc5.txt")));
        last[0] = NodeProcesses.status(r) + " " + (r == null ? "" : r.body());
        if (NodeProcesses.status(r) == 200 && NodeProcesses.json(r).get("exitCode").asInt() == 0) {
          got[0] = NodeProcesses.json(r);
          return true;
        }
        return false;
      });
    } catch (AssertionError e) {
      // what the fail-over did and what the desk last said, ahead of the blades' logs
      throw new AssertionError("the desk last answered: " + last[0] + "\nfail-over of blade-2: "
          + recordOrNull("blade-2") + "\n" + e.getMessage(), e);
    }
    assertThat(got[0].get("blade").asText()).as("the spare left in cage-1").isEqualTo(spareLeft);
    assertThat(got[0].get("stdout").asText()).isEqualTo("doc-1\ndoc-5\n");
    JsonNode record = recordOrNull("blade-2");
    assertThat(record.get("method").asText()).isEqualTo("from_backup");
    assertThat(record.get("replacement").asText()).isEqualTo(spareLeft);
    // blade-3 carried no user's port: its fail-over has nothing to move and takes no spare
    blades.await("the fail-over record of blade-3", 60, () -> {
      JsonNode r = recordOrNull("blade-3");
      return r != null && r.get("state").asText().equals("done");
    });
    assertThat(recordOrNull("blade-3").get("steps").toString()).contains("nothing to move");
  }

  private JsonNode desk(String user, String script) {
    return blades.ok("blade-1", "POST", "/api/desk/" + user + "/exec", Map.of("argv", List.of("sh", "-c", script)));
  }

  private JsonNode recordOrNull(String failed) {
    for (JsonNode r : blades.ok("blade-1", "GET", "/api/failover/history", null)) {
      if (r.get("failed").asText().equals(failed)) {
        return r;
      }
    }
    return null;
  }
}
