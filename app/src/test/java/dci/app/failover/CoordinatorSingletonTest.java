package dci.app.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.TestCluster;
import dci.app.backup.BackupJobs;
import dci.app.node.BladeNode;
import org.apache.pekko.cluster.typed.Cluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The fail-over coordinator as a cluster singleton, on four real blades in one JVM (blade-4 a
 * spare): exactly one coordinator runs, on the oldest blade, and every blade names it; when its
 * blade leaves in the middle of a fail-over, the coordinator starts on one of the oldest blades
 * left (blades Up at the same moment are as old), which carries the unfinished fail-over on to
 * the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoordinatorSingletonTest {
  private static final String SINGLETON = "/system/singletonManager" + Coordinator.NAME + "/" + Coordinator.NAME;
  private TestCluster blades;
  private BackupJobs backups;

  @BeforeAll
  void start() throws Exception {
    // copying u1's 32 MB home takes 16 s at 2 MiB/s: longer than blade-1's leave, however fast the machine
    blades = BackupJobs.blades(4).config("dci.backup.limit-upload = 2MiB").roles(4, "spare").start();
    backups = new BackupJobs(blades);
  }

  @AfterAll
  void stop() {
    if (blades != null) {
      blades.close();
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void exactlyOneCoordinatorRunsAndTheNextOneFinishesTheFailOverItsPredecessorLeftUnfinished()
      throws Exception {
    assertThat(awaitOneCoordinator(List.of(1, 2, 3, 4))).as("the oldest blade").isEqualTo("blade-1");
    assertThat(Cluster.get(blades.blade(1).system()).selfMember().getRoles()).contains(FailoverFeature.ROLE);
    assertThat(blades.call(1, "GET", "/api/blades", null).toString()).as("a role of the blade's own, not listed")
        .doesNotContain(FailoverFeature.ROLE).contains("\"spare\"");

    // u1's desk on blade-3, with enough in its home that copying it takes a while (Fig. 6)
    blades.call(1, "PUT", "/api/ports/u1", Map.of("blade", "blade-3"));
    backups.configure("blade-3", Map.of("replicas", 1, "peers", List.of("blade-2")));
    Path home = blades.blade(3).settings().dataDir().resolve("home/u1");
    Files.createDirectories(home);
    Random random = new Random(21);
    for (int i = 0; i < 4; i++) {
      byte[] chunk = new byte[8 * 1024 * 1024];
      random.nextBytes(chunk);
      Files.write(home.resolve("part-" + i + ".bin"), chunk);
    }
    Files.writeString(home.resolve("notes.txt"), "first draft\n");

    JsonNode answer = blades.call(2, "POST", "/api/failover/trigger", Map.of("blade", "blade-3", "reason", "test"));
    String id = answer.get("record").get("id").asText();
    assertThat(answer.get("record").get("coordinator").asText()).isEqualTo("blade-1");
    assertThat(answer.get("record").get("state").asText()).as("blade-4 copies blade-3 now").isEqualTo("copying");
    blades.leave(1);

    String next = awaitOneCoordinator(List.of(2, 3, 4));
    await("the fail-over done by " + next).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> "done".equals(record(id).path("state").asText()));
    assertThat(awaitOneCoordinator(List.of(2, 3, 4))).as("still the one").isEqualTo(next);
    JsonNode record = record(id);
    List<String> steps = new ArrayList<>();
    record.get("steps").forEach(s -> steps.add(s.get("blade").asText() + ": " + s.get("what").asText()));
    System.out.printf("CoordinatorSingletonTest: %s; steps after its start (ms): %s%n", id, elapsed(record));
    assertThat(record.get("coordinator").asText()).isEqualTo(next);
    assertThat(steps).as("blade-1 left it unfinished; " + next + " carried it on and switched the port")
        .anyMatch(s -> s.equals(next + ": coordinator blade-1 is gone: " + next + " carries on"))
        .anyMatch(s -> s.startsWith("blade-4: copied blade-3"))
        .anyMatch(s -> s.equals(next + ": switched the ports of u1 to blade-4"))
        .noneMatch(s -> s.startsWith("blade-1: switched"));
    assertThat(blades.call(2, "GET", "/api/ports", null).toString()).contains("\"user\":\"u1\"")
        .contains("\"blade\":\"blade-4\"");
    assertThat(blades.blade(4).settings().dataDir().resolve("home/u1/notes.txt")).hasContent("first draft\n");
    assertThat(Files.size(blades.blade(4).settings().dataDir().resolve("home/u1/part-3.bin"))).isEqualTo(8L << 20);
  }

  /** Waits until exactly one blade of {@code live} runs a coordinator and every one names it; answers it. */
  private String awaitOneCoordinator(List<Integer> live) {
    String[] one = {null};
    await("one coordinator").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      List<String> running = new ArrayList<>();
      for (int k : live) {
        if (runsCoordinator(blades.blade(k))) {
          running.add(blades.blade(k).settings().name());
        }
      }
      assertThat(running).as("blades running a coordinator").hasSize(1);
      for (int k : live) {
        assertThat(blades.call(k, "GET", "/api/failover/status", null).path("coordinator").asText())
            .as("blade-" + k + "'s coordinator").isEqualTo(running.get(0));
      }
      one[0] = running.get(0);
    });
    return one[0];
  }

  private static boolean runsCoordinator(BladeNode blade) {
    try {
      blade.system().classicSystem().actorSelection(SINGLETON).resolveOne(Duration.ofSeconds(1))
          .toCompletableFuture().get(2, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static List<String> elapsed(JsonNode record) {
    long start = java.time.Instant.parse(record.get("started").asText()).toEpochMilli();
    List<String> out = new ArrayList<>();
    record.get("steps").forEach(s -> out.add((java.time.Instant.parse(s.get("at").asText()).toEpochMilli() - start)
        + " " + s.get("what").asText().replaceAll("(.{40}).*", "$1")));
    return out;
  }

  private JsonNode record(String id) {
    for (JsonNode r : blades.call(2, "GET", "/api/failover/history", null)) {
      if (r.get("id").asText().equals(id)) {
        return r;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
