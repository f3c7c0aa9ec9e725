package dci.app.vnas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.Http;
import dci.app.TestCluster;
import dci.storage.vnas.Keeper;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A blade that gives little space fills up: its share overflows to the next in rank, and the keepers let it be. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VnasOverflowTest {
  private TestCluster cluster;
  private VnasDav blades;
  private String token;

  @BeforeAll
  void start() {
    // 16 stripes of 64 KiB each; a file read once through a blade gets a replica there (hot), for an hour
    cluster = VnasDav.blades(3).config("""
        dci.storage.contribute = 1MiB
        dci.vnas.hot-reads = 1
        dci.vnas.hot-half-life = 1h
        """).start();
    blades = new VnasDav(cluster);
    blades.awaitStores(3);
    token = cluster.token();
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  @Test
  void aFullBladesShareOverflowsToTheNextInRankAndNoPassRetriesTheFullBlade() {
    Random random = new Random(5);
    byte[] data = new byte[65536];
    List<dci.storage.vnas.Placement.Candidate> equal = List.of(1, 2, 3).stream()
        .map(k -> new dci.storage.vnas.Placement.Candidate("blade-" + k, "default", 1 << 20)).toList();
    String overflowed = null;
    int files = 0;
    while (overflowed == null) { // one-stripe files until one that placement gives a blade went elsewhere
      assertThat(files).as("blade-1 filled up and a stripe overflowed before the volume was full").isLessThan(20);
      random.nextBytes(data);
      String path = "/f" + files++;
      assertThat(blades.put(2, path, data).statusCode()).isEqualTo(201);
      JsonNode stripe = Http.get(cluster.blade(3).apiUrl() + "/api/vnas/stat?path=" + path, token).json()
          .get("stripes").get(0);
      Set<String> holders = new HashSet<>();
      stripe.get("blades").forEach(x -> holders.add(x.asText()));
      assertThat(holders).hasSize(2);
      for (String wanted : dci.storage.vnas.Placement.choose(stripe.get("hash").asText(), equal, 2)) {
        if (!holders.contains(wanted)) {
          overflowed = wanted;
        }
      }
      if (files <= 12) { // blade-1 takes a hot replica of the first files: it fills up before the others
        assertThat(blades.get(1, path).statusCode()).isEqualTo(200);
      }
    }
    String wasFull = overflowed;
    org.awaitility.Awaitility.await("every blade knows " + wasFull + " is full").atMost(java.time.Duration.ofSeconds(10))
        .until(() -> wasFull.equals(fullBlade(2)) && wasFull.equals(fullBlade(3)) && wasFull.equals(fullBlade(1)));

    for (int round = 0; round < 3; round++) {
      List<Keeper.PassReport> passes = blades.pass(1, 2, 3);
      for (Keeper.PassReport p : passes) {
        assertThat(p.refusedFull()).as("round %d: %s asked the full %s for no copy", round, p.blade(), wasFull)
            .isZero();
        assertThat(p.copied()).as("round %d: %s", round, p.blade()).isZero();
        assertThat(p.dropped()).as("round %d: %s keeps the overflow copies", round, p.blade()).isZero();
        assertThat(p.underReplicated()).isZero();
      }
    }
    assertThat(blades.get(1, "/f0").statusCode()).isEqualTo(200);
  }


  /** A blade whose published figures leave no room for a 64 KiB stripe, as blade k knows them; else null. */
  private String fullBlade(int k) {
    for (JsonNode b : Http.get(cluster.blade(k).apiUrl() + "/api/vnas/df", token).json().get("blades")) {
      if (b.get("free").asLong() < 65536) {
        return b.get("blade").asText();
      }
    }
    return null;
  }
}
