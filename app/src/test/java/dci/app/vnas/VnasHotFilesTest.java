package dci.app.vnas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.Http;
import dci.app.TestCluster;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Hot files on three blades: a file read often through a blade gets a replica there, dropped once reads stop. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VnasHotFilesTest {
  private TestCluster cluster;
  private VnasDav blades;
  private String token;

  @BeforeAll
  void start() {
    cluster = TestCluster.blades(3).config(VnasDav.SETTINGS + """
        dci.vnas.hot-reads = 3
        dci.vnas.hot-half-life = 500ms
        """).start();
    blades = new VnasDav(cluster);
    blades.awaitStores(3);
    token = cluster.token();
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  private JsonNode stripes(String path) {
    Http.Reply r = Http.get(cluster.blade(1).apiUrl() + "/api/vnas/stat?path=" + path, token);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("stripes");
  }

  private static Set<String> holders(JsonNode stripe) {
    Set<String> out = new HashSet<>();
    stripe.get("blades").forEach(b -> out.add(b.asText()));
    return out;
  }

  @Test
  void aFileReadOftenThroughABladeGetsAReplicaThereThatIsDroppedWhenTheReadsStop() {
    byte[] data = new byte[200_000]; // 4 stripes of 64 KiB, each on 2 of the 3 blades
    new Random(11).nextBytes(data);
    assertThat(blades.put(1, "/hot.bin", data).statusCode()).isEqualTo(201);
    int reader = 1;
    int missing = -1;
    for (int k = 1; k <= 3; k++) {
      int m = 0;
      for (JsonNode s : stripes("/hot.bin")) {
        m += holders(s).contains("blade-" + k) ? 0 : 1;
      }
      if (m > missing) {
        missing = m;
        reader = k;
      }
    }
    assertThat(missing).as("some blade lacks a stripe").isPositive();
    String self = "blade-" + reader;

    for (int i = 0; i < 3; i++) {
      assertThat(blades.get(reader, "/hot.bin").body()).isEqualTo(data);
    }
    await("a replica of every stripe on " + self).atMost(Duration.ofSeconds(20)).until(() -> {
      for (JsonNode s : stripes("/hot.bin")) {
        if (!holders(s).contains(self)) {
          return false;
        }
      }
      return true;
    });

    assertThat(blades.converge(() -> {
      for (JsonNode s : stripes("/hot.bin")) {
        if (holders(s).size() != 2) {
          return false;
        }
      }
      return true;
    }, 1, 2, 3)).as("once reads stop, the keepers drop the extra replicas: every stripe back on 2 blades").isTrue();
    assertThat(blades.get(2, "/hot.bin").body()).isEqualTo(data);
  }
}
