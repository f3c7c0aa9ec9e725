package dci.storage.vnas;

import static dci.storage.vnas.QuietPair.join;
import static dci.storage.vnas.QuietPair.local;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A write to every blade that times out because one blade is slow to answer is sent again, so
 * that blade holds it before the writer hears "done" (gossip is off here: nothing else would
 * bring it).
 */
class IndexWriterResendTest {
  private static QuietPair pair;

  @BeforeAll
  static void start() {
    pair = new QuietPair("resend"); // blade b's replicator is not running yet: it cannot answer
  }

  @AfterAll
  static void stop() {
    pair.close();
  }

  @Test
  void aWriteThatTimedOutReachesTheSlowBladeWhenItIsSentAgain() {
    // a write timeout well above the wait below: a slow first poll (a loaded CI machine) still sees the write waiting
    VnasIndex index = new VnasIndex(pair.a.system(), Duration.ofSeconds(3), Duration.ofHours(1));
    pair.awaitReplicaCountOnA(); // else a's write to all blades is a write to a alone, done at once
    VnasPath p = VnasPath.parse("/late.txt");
    CompletableFuture<?> put = index.put(VnasIndexMajorityTest.file(p, 1, 10)).toCompletableFuture();
    org.awaitility.Awaitility.await("the write waits while blade b cannot answer").during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2)).until(() -> !put.isDone());
    DistributedData.get(pair.b.system()); // blade b answers from now on
    join(put);

    assertThat(local(pair.b, p)).as("blade b's own copy").get().extracting(VnasEntry::version).isEqualTo(1L);
  }
}
