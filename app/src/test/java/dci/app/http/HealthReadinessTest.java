package dci.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dci.actors.BladeSettings;
import dci.app.Http;
import dci.app.TestCluster;
import dci.app.node.BladeNode;
import dci.app.node.Cage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/health} is a readiness answer: 200 only from a blade that is an Up member, so an
 * operator's {@code curl -f} loop (and the acceptance checks) wait until the cluster can route to it.
 */
class HealthReadinessTest {
  @TempDir Path dir;

  @Test
  void aBladeThatHasNotJoinedAnswers503WithItsStatusAndAnUpBladeAnswers200() {
    try (TestCluster cage = TestCluster.blades(1).start()) {
      Http.Reply up = Http.get(cage.url(1) + "/api/health", null);
      assertThat(up.status()).isEqualTo(200);
      assertThat(up.json().get("status").asText()).isEqualTo("Up");

      // its seed is a port nobody listens on: it can never join
      BladeSettings lone = new BladeSettings("blade-9", "127.0.0.1", TestCluster.freePort(), "127.0.0.1",
          TestCluster.freePort(), dir.resolve("blade-9"), List.of("127.0.0.1:" + TestCluster.freePort()), "default",
          List.of());
      Cage.enrol(lone, cage.dataDir(1));
      try (BladeNode node = BladeNode.with(lone, TestCluster.testConfig()).start()) {
        Http.Reply waiting = Http.get(node.apiUrl() + "/api/health", null);
        assertThat(waiting.status()).as(waiting.text()).isEqualTo(503);
        assertThat(waiting.json().get("blade").asText()).isEqualTo("blade-9");
        assertThat(waiting.json().get("status").asText()).isNotEqualTo("Up");
      }
    }
  }
}
