package dci.app.failover;

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
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/metrics/history} over plain HTTP: a blade keeps every blade's readings, one per
 * sample interval, oldest first; at most {@code dci.body.history / sample-interval} of them per
 * blade, the oldest dropped; {@code since} narrows the window; viewers may read it.
 */
class MetricsHistoryTest {
  static TestCluster cluster;

  @BeforeAll
  static void start() {
    // 200 ms samples kept for 2 s: at most 10 readings per blade
    cluster = TestCluster.blades(2).config("""
        dci.body.sample-interval = 600ms
        dci.body.quiet-interval = 600ms
        dci.body.history = 6s
        """).start();
    cluster.awaitApis();
    cluster.call(1, "POST", "/api/users", Map.of("user", "vic", "password", "vic-pass-12", "role", "viewer"));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static JsonNode history(String query) {
    Http.Reply r = cluster.get(1, "/api/metrics/history?" + query);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  private static List<Instant> times(JsonNode h) {
    List<Instant> out = new ArrayList<>();
    h.get("samples").forEach(s -> out.add(Instant.parse(s.get("at").asText())));
    return out;
  }

  @Test
  void readingsOfEveryBladeAccumulateOldestFirstAndNoMoreThanTheWindowHolds() {
    for (String blade : List.of("blade-1", "blade-2")) {
      JsonNode h = await(blade + "'s readings accumulate").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(300))
          .until(() -> history("blade=" + blade), j -> j.get("samples").size() >= 5);
      assertThat(h.get("blade").asText()).isEqualTo(blade);
      assertThat(h.get("intervalMs").asLong()).isEqualTo(600);
      assertThat(h.get("windowMs").asLong()).isEqualTo(6000);
      assertThat(times(h)).as("oldest first, no reading twice").isSortedAccordingTo(Instant::compareTo)
          .doesNotHaveDuplicates();
      JsonNode s = h.get("samples").get(0);
      assertThat(s.get("diskTotal").asLong()).isPositive();
      assertThat(s.get("condition").asText()).isEqualTo("ok");
    }
    JsonNode first = history("blade=blade-1");
    Instant oldest = times(first).get(0);
    // a window and more later: still at most 10, and the old ones are gone
    await("the oldest readings dropped").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> times(history("blade=blade-1")).get(0).isAfter(oldest.plusSeconds(7)));
    for (int i = 0; i < 10; i++) {
      assertThat(history("blade=blade-1").get("samples").size()).as("bounded by 6 s / 600 ms").isBetween(1, 10);
    }
  }

  @Test
  void sinceNarrowsTheWindowAndViewersMayReadIt() {
    // a window nearly full: 600 ms timers fire up to a scheduler tick (33 ms) late, and blade-1
    // hears blade-2's readings through Distributed Data, which may fold two into one
    await().atMost(Duration.ofSeconds(30)).until(() -> history("blade=blade-2").get("samples").size() >= 6);
    String viewer = cluster.login(1, "vic", "vic-pass-12");
    Http.Reply r = cluster.get(1, "/api/metrics/history?blade=blade-2&since=1800ms", viewer);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("samples").size()).as("about 3 readings in 1800 ms").isBetween(1, 5);
    assertThat(Instant.parse(r.json().get("since").asText())).isAfter(Instant.now().minusSeconds(5));
  }

  @Test
  void aBadSinceOrAnUnknownBladeIsRefused() {
    assertThat(cluster.get(1, "/api/metrics/history?blade=blade-1&since=yesterday").status()).isEqualTo(400);
    assertThat(cluster.get(1, "/api/metrics/history").status()).isEqualTo(400);
    assertThat(cluster.get(1, "/api/metrics/history?blade=blade-9").status()).isEqualTo(404);
    assertThat(cluster.get(1, "/api/metrics").status()).as("the latest readings still answer").isEqualTo(200);
  }
}
