package dci.app.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.node.NodeProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lifelines: every blade keeps an open connection to the next two blades, so a blade whose
 * process dies is suspected, probed and downed within moments of its death, long before the
 * failure detector could mark it unreachable; a blade that leaves on purpose says bye first and
 * is not suspected. Real {@code dci node} processes, stopped with SIGTERM and killed with SIGKILL.
 */
class LifelinesTest {
  private final java.util.Set<String> failover = new java.util.HashSet<>();

  private BladeInfo blade(String name, BladeStatus status, boolean api, boolean runsFailover) {
    String address = "127.0.0.1:" + (1000 + name.charAt(0));
    if (runsFailover) {
      failover.add(address);
    } else {
      failover.remove(address);
    }
    return new BladeInfo(name, address, status, "default", List.of(), 0, 0, null, api ? "http://127.0.0.1:2" : null,
        List.of());
  }

  @Test
  void eachBladeWatchesTheNextTwoUpBladesRunningFailOverInARingByName() {
    List<BladeInfo> four = List.of(blade("a", BladeStatus.Up, true, true), blade("b", BladeStatus.Up, true, true),
        blade("c", BladeStatus.Up, true, true), blade("d", BladeStatus.Up, true, true));
    assertThat(Lifelines.watched("b", four, failover)).containsExactly("c", "d");
    assertThat(Lifelines.watched("c", four, failover)).containsExactly("d", "a");
    assertThat(Lifelines.watched("d", four, failover)).containsExactly("a", "b");
    assertThat(Lifelines.watched("a", four.subList(0, 2), failover)).containsExactly("b");
    List<BladeInfo> mixed = List.of(blade("a", BladeStatus.Up, true, true), blade("b", BladeStatus.Unreachable, true, true),
        blade("c", BladeStatus.Up, false, true), blade("d", BladeStatus.Up, true, false),
        blade("e", BladeStatus.Leaving, true, true), blade("f", BladeStatus.Up, true, true));
    assertThat(Lifelines.watched("a", mixed, failover)).as("only Up blades with an API that run fail-over").containsExactly("f");
    assertThat(Lifelines.watched("a", List.of(blade("a", BladeStatus.Up, true, true)), failover)).isEmpty();
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aBladeStoppedWithSigtermSaysByeAndOneKilledWithSigkillIsDownedThroughItsLifelineWithinMoments()
      throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "lifelines-");
    try (NodeProcesses blades = new NodeProcesses(dir)) {
      for (int k = 1; k <= 3; k++) {
        blades.startAndAwait("blade-" + k, 90);
      }
      blades.awaitAllUp("blade-1", 120);
      blades.await("every blade's API known to blade-1", 30, () -> {
        JsonNode all = blades.ok("blade-1", "GET", "/api/blades", null);
        return all.size() == 3 && all.findValues("api").stream().noneMatch(JsonNode::isNull);
      });

      Process two = blades.node("blade-2").process();
      two.destroy(); // SIGTERM: the blade leaves on purpose
      assertThat(two.waitFor(60, TimeUnit.SECONDS)).as("blade-2 ends after SIGTERM").isTrue();
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
          causes(blades, "blade-2").stream().noneMatch(c -> c.contains("lifeline")));

      blades.kill("blade-3");
      long killed = System.nanoTime();
      blades.await("a fail-over of blade-3 for its broken lifeline", 30,
          () -> causes(blades, "blade-3").stream().anyMatch(c -> c.contains("lifeline")));
      Duration took = Duration.ofNanos(System.nanoTime() - killed);
      assertThat(causes(blades, "blade-3").get(0)).contains("confirmed: nothing listens");
      // the failure detector alone cannot mark it unreachable before heartbeat + pause (1 s + 5 s)
      assertThat(took).as("from SIGKILL to the fail-over record").isLessThan(Duration.ofSeconds(5));
      System.out.printf("LifelinesTest: blade-3's fail-over recorded %d ms after SIGKILL%n", took.toMillis());
    }
  }

  private static List<String> causes(NodeProcesses blades, String blade) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : blades.ok("blade-1", "GET", "/api/failover/history", null)) {
      if (r.path("failed").asText().equals(blade)) {
        out.add(r.path("cause").asText());
      }
    }
    return out;
  }
}
