package dci.app.aims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Maintenance jobs on two blades whose clocks stand a few seconds before the hour: an hourly
 * job for blade-2 fires there by itself (and not on blade-1); a job run now answers each
 * blade's result; a failing command is a failed result; bad jobs are refused.
 */
class MaintenanceClusterTest {
  static TestCluster cluster;
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("aims-maint");
    Instant now = Instant.now();
    Instant hour = now.atZone(ZoneId.systemDefault()).truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
    // the blades' clocks read 30 s before the next hour (the cluster starts within that)
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(now, hour).minusSeconds(30));
    cluster = TestCluster.blades(2).clock(clock).start();
    cluster.awaitApis();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void anHourlyJobFiresByItselfOnTheBladeItNames() {
    Path fired = dir.resolve("fired");
    cluster.call(1, "POST", "/api/aims/maintenance", Map.of("name", "mark", "task", "command", "on", "blade-2",
        "schedule", "hourly", "command", "echo fired >> " + fired));
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      JsonNode results = cluster.call(1, "GET", "/api/aims/maintenance/results?job=mark", null);
      assertThat(results).singleElement().satisfies(r -> {
        assertThat(r.get("blade").asText()).isEqualTo("blade-2");
        assertThat(r.get("ok").asBoolean()).isTrue();
      });
    });
    assertThat(fired).content().isEqualTo("fired\n");
  }

  @Test
  void aJobRunNowAnswersEveryBladesResult() {
    cluster.call(1, "POST", "/api/aims/maintenance", Map.of("name", "kernel", "task", "command", "schedule",
        "weekly sun", "command", "uname -s"));
    JsonNode ran = cluster.call(2, "POST", "/api/aims/maintenance/kernel/run", null);
    assertThat(ran).hasSize(2).allSatisfy(r -> {
      assertThat(r.get("ok").asBoolean()).isTrue();
      assertThat(r.get("output").asText()).isEqualTo("Linux");
    });
    cluster.call(1, "POST", "/api/aims/maintenance", Map.of("name", "broken", "task", "command", "on", "blade-1",
        "schedule", "weekly sun", "command", "echo no such thing >&2; exit 3"));
    JsonNode failed = cluster.call(1, "POST", "/api/aims/maintenance/broken/run", null);
    assertThat(failed).singleElement().satisfies(r -> {
      assertThat(r.get("ok").asBoolean()).isFalse();
      assertThat(r.get("output").asText()).isEqualTo("exit 3: no such thing");
    });
    assertThat(cluster.call(2, "GET", "/api/aims/maintenance", null).findValuesAsText("name"))
        .contains("kernel", "broken");
  }

  @Test
  void badJobsAreRefused() {
    assertThat(cluster.send(1, "POST", "/api/aims/maintenance", Map.of("name", "x", "task", "fstrim",
        "schedule", "whenever")).text()).contains("invalid schedule");
    assertThat(cluster.send(1, "POST", "/api/aims/maintenance", Map.of("name", "x", "task", "command",
        "schedule", "daily")).status()).isEqualTo(400);
    assertThat(cluster.send(1, "POST", "/api/aims/maintenance", Map.of("name", "x", "task", "rm -rf",
        "schedule", "daily")).text()).contains("task is one of");
    assertThat(cluster.send(1, "POST", "/api/aims/maintenance", Map.of("name", "x", "task", "memtest",
        "schedule", "daily", "memtestMb", 100000)).text()).contains("memtest size");
    assertThat(cluster.send(1, "DELETE", "/api/aims/maintenance/none", null).status()).isEqualTo(404);
  }
}
