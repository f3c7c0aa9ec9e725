package dci.app.vnas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.Http;
import dci.app.TestCluster;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The first write of a cage that has just come Up: the writing blade has not yet heard of
 * the other blades' stores through gossip (slowed here to make the window wide), and they may
 * not have the token key yet; still the PUT succeeds with every stripe on r = 2 blades (the
 * writer asks a majority for the stores and waits briefly; a blade with no key asks every blade).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VnasFirstWriteTest {
  private TestCluster cluster;
  private VnasDav blades;

  @BeforeAll
  void start() throws Exception {
    cluster = VnasDav.blades(3).config("pekko.cluster.distributed-data.gossip-interval = 20s").start();
    blades = new VnasDav(cluster);
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  @Test
  void aPutRightAfterTheBladesComeUpStoresEveryStripeOnTwoBlades() throws Exception {
    byte[] data = new byte[600_000]; // 10 stripes of 64 KiB
    new Random(3).nextBytes(data);
    var put = blades.put(1, "/first.bin", data);
    assertThat(put.statusCode()).as(new String(put.body())).isEqualTo(201);

    String token = cluster.token();
    Http.Reply stat = Http.get(cluster.blade(1).apiUrl() + "/api/vnas/stat?path=/first.bin", token);
    assertThat(stat.status()).as(stat.text()).isEqualTo(200);
    JsonNode stripes = stat.json().get("stripes");
    assertThat(stripes).hasSize(10);
    stripes.forEach(s -> assertThat(s.get("blades")).as(s.toString()).hasSize(2));
    // blade-3's first login needs the users from a majority; on a loaded machine that read can time
    // out once right after start (401): what is tested here is the bytes, so a 401 is asked again
    var got = new java.util.concurrent.atomic.AtomicReference<java.net.http.HttpResponse<byte[]>>();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> {
      got.set(blades.get(3, "/first.bin"));
      return got.get().statusCode() != 401;
    });
    var read = got.get();
    assertThat(read.statusCode()).as("GET through blade-3: " + (read.statusCode() == 200 ? "" : new String(read.body())))
        .isEqualTo(200);
    assertThat(Arrays.equals(read.body(), data)).as("blade-3 reads the bytes blade-1 wrote").isTrue();
  }
}
