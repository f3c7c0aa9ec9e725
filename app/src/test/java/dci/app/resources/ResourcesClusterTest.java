package dci.app.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.Http;
import dci.app.TestCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The resource manager on three in-JVM blades sampling every 200 ms: every blade's samples reach
 * every blade; advice moves a user off a loaded blade onto an idle one (load injected as
 * {@code cpu-load} faults); the history of a crashed blade is still read from the others; a
 * restarted blade back-fills what it missed from a peer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResourcesClusterTest {
  static TestCluster cluster;

  @BeforeAll
  static void start() {
    cluster = TestCluster.blades(3).config("""
        dci.body.sample-interval = 200ms
        dci.resources.sample-interval = 200ms
        dci.resources.backfill-delay = 500ms
        dci.resources.backfill-tries = 200
        """).start();
    cluster.awaitApis();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static JsonNode get(int k, String path) {
    Http.Reply r = cluster.get(k, path);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  private static List<Instant> times(JsonNode history) {
    List<Instant> out = new ArrayList<>();
    history.get("points").forEach(p -> out.add(Instant.parse(p.get("at").asText())));
    return out;
  }

  @Test
  @Order(1)
  void everyBladesSamplesAppearOnEveryBlade() {
    for (int k = 1; k <= 3; k++) {
      for (String blade : List.of("blade-1", "blade-2", "blade-3")) {
        int on = k;
        JsonNode h = await(blade + "'s cpu on blade-" + k).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
            .until(() -> get(on, "/api/resources/history?blade=" + blade + "&metric=cpu&since=10m"),
                j -> j.get("points").size() >= 3);
        assertThat(h.get("blade").asText()).isEqualTo(blade);
        assertThat(h.get("metric").asText()).isEqualTo("cpu");
        assertThat(h.get("unit").asText()).isEqualTo("%");
        assertThat(times(h)).isSortedAccordingTo(Instant::compareTo).doesNotHaveDuplicates();
        h.get("points").forEach(p -> assertThat(p.get("value").asDouble()).isBetween(0.0, 100.0));
      }
    }
    JsonNode mem = get(2, "/api/resources/history?blade=blade-3&metric=memory&since=10m");
    assertThat(mem.get("points").get(0).get("value").asDouble()).isPositive();
    assertThat(cluster.get(1, "/api/resources/history?blade=blade-1&metric=heat").status()).isEqualTo(400);
  }

  @Test
  @Order(2)
  void adviceMovesTheUserOfALoadedBladeToAnIdleOne() {
    cluster.call(1, "PUT", "/api/ports/u1", Map.of("blade", "blade-2"));
    cluster.call(1, "POST", "/api/faults", Map.of("blade", "blade-1", "fault", "cpu-load=0.5"));
    cluster.call(1, "POST", "/api/faults", Map.of("blade", "blade-2", "fault", "cpu-load=0.95"));
    cluster.call(1, "POST", "/api/faults", Map.of("blade", "blade-3", "fault", "cpu-load=0.05"));
    JsonNode advice = await("advice to move u1 off blade-2").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> get(3, "/api/resources/advise?since=2s"), a -> a.get("suggestions").size() == 1
            && a.get("suggestions").get(0).get("reason").asText()
                .startsWith("u1's blade-2 runs at 95 % CPU while blade-3 idles at 5 %"));
    JsonNode s = advice.get("suggestions").get(0);
    assertThat(s.get("kind").asText()).isEqualTo("one-to-one");
    assertThat(s.get("command").asText()).isEqualTo("dci move plan --kind one-to-one --pair u1:blade-2:blade-3");
    assertThat(s.get("gain").asDouble()).isBetween(85.0, 95.0);
    JsonNode map = get(1, "/api/resources/map?since=2s");
    JsonNode u1 = map.get("users").get(0);
    assertThat(u1.get("user").asText()).isEqualTo("u1");
    assertThat(u1.get("blade").asText()).isEqualTo("blade-2");
    assertThat(u1.get("load").asDouble()).isBetween(90.0, 100.0);
    for (int k = 1; k <= 3; k++) {
      cluster.delete(1, "/api/faults?blade=blade-" + k);
    }
  }

  @Test
  @Order(3)
  void anInstalledPackagesProcessesAreAMetricReadFromAnyBlade() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createDirectories(cluster.dataDir(2).resolve("packages/demo"));
    Process p = new ProcessBuilder("sleep", "60").directory(dir.toFile()).start();
    try {
      await("demo's process sampled on blade-2, read through blade-1").atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(300))
          .until(() -> get(1, "/api/resources/history?blade=blade-2&metric=processes:demo&since=1h").get("points")
              .findValues("value").stream().anyMatch(v -> v.asDouble() >= 1));
      JsonNode h = get(1, "/api/resources/history?blade=blade-2&metric=processes:demo&since=1h");
      assertThat(h.get("unit").asText()).isEqualTo("processes");
    } finally {
      p.destroyForcibly();
    }
    var bad = cluster.send(1, "GET", "/api/resources/history?blade=blade-2&metric=processes:../x", null).raw();
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("invalid package name");
  }

  @Test
  @Order(4)
  void aCrashedBladesHistoryIsReadFromAnotherAndARestartedBladeBackFills() {
    int before = get(2, "/api/resources/history?blade=blade-3&metric=cpu&since=1h").get("points").size();
    cluster.crash(3);
    Instant crashed = Instant.now();
    cluster.awaitGone(3);
    JsonNode after = get(2, "/api/resources/history?blade=blade-3&metric=cpu&since=1h");
    assertThat(after.get("points").size()).as("blade-3's history outlives it").isGreaterThanOrEqualTo(before);
    // blade-1 goes on sampling while blade-3 is away
    await().atMost(Duration.ofSeconds(10)).until(() -> times(get(1, "/api/resources/history?blade=blade-1&since=1h"))
        .stream().filter(t -> t.isAfter(crashed.plusMillis(500))).count() >= 3);
    cluster.restart(3);
    Instant restarted = Instant.now();
    cluster.awaitApis();
    await("blade-3 back-fills blade-1's samples of while it was away").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> times(get(3, "/api/resources/history?blade=blade-1&since=1h")).stream()
            .anyMatch(t -> t.isAfter(crashed.plusMillis(500)) && t.isBefore(restarted)));
  }
}
