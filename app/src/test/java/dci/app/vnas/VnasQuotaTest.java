package dci.app.vnas;

import static org.assertj.core.api.Assertions.assertThat;

import dci.app.TestCluster;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** When the blades' contributions are used up a write answers 507 and what is stored stays intact. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VnasQuotaTest {
  private TestCluster cluster;
  private VnasDav blades;

  @BeforeAll
  void start() throws Exception {
    cluster = VnasDav.blades(2).config("dci.storage.contribute = 256KiB").start();
    blades = new VnasDav(cluster);
    blades.awaitStores(2);
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  @Test
  void aWriteBeyondTheContributedSpaceIsRefusedWith507AndEarlierFilesStayIntact() {
    byte[] first = new byte[200_000];
    new Random(1).nextBytes(first);
    assertThat(blades.put(1, "/first.bin", first).statusCode()).isEqualTo(201);
    byte[] second = new byte[200_000];
    new Random(2).nextBytes(second);
    var refused = blades.put(2, "/second.bin", second);
    assertThat(refused.statusCode()).isEqualTo(507);
    assertThat(new String(refused.body())).contains("full");
    assertThat(blades.get(2, "/second.bin").statusCode()).isEqualTo(404);
    assertThat(blades.get(2, "/first.bin").body()).isEqualTo(first);
  }
}
