package dci.app.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.TestCluster;
import dci.protocol.BladeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A blade lost while the cluster stays is failed over (its users need a desk); blades stopping
 * because the whole cluster is shutting down (what {@code dci cage} does on Ctrl-C) are not: the coordinator starts nothing once its blade takes part in a prepared full shutdown, and
 * the directory shows every blade Leaving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FullShutdownTest {
  private TestCluster blades;

  @BeforeAll
  void start() {
    blades = TestCluster.blades(4).start();
  }

  @AfterAll
  void stop() {
    if (blades != null) {
      blades.close();
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void bladesLeavingAFullShutdownAreNotFailedOverButOneLeavingAloneIs() {
    blades.awaitAllUp();
    blades.crash(4);
    await("blade-4, lost while the others stay, failed over").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> failedOver().contains("blade-4"));

    blades.blade(1).prepareFullShutdown(Duration.ofSeconds(10));
    await("every blade shown Leaving on each blade").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      for (int k = 1; k <= 3; k++) {
        assertThat(blades.blade(k).blades()).filteredOn(b -> !b.name().equals("blade-4"))
            .extracting(b -> b.status()).hasSize(3).containsOnly(BladeStatus.Leaving);
      }
    });

    // a member ready for a full shutdown does not go through Leaving (a leave times out), it is
    // stopped: the others see it Down, or Removed
    blades.crash(3);
    await("blade-3 seen gone").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(blades.blade(1).blades()).filteredOn(b -> b.name().equals("blade-3"))
            .extracting(b -> b.status()).containsAnyOf(BladeStatus.Down, BladeStatus.Removed));
    await("no fail-over of blade-3").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200)).until(() -> !failedOver().contains("blade-3"));

    var refused = blades.send(2, "POST", "/api/failover/trigger", Map.of("blade", "blade-2", "reason", "test"));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.text()).contains("the whole cluster is shutting down");
  }

  /** The blades named by a fail-over record, as blade-1 reads them. */
  private List<String> failedOver() {
    List<String> names = new ArrayList<>();
    JsonNode history = blades.call(1, "GET", "/api/failover/history", null);
    history.forEach(r -> names.add(r.path("failed").asText()));
    return names;
  }
}
