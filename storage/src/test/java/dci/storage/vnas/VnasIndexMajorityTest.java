package dci.storage.vnas;

import static dci.storage.vnas.QuietPair.join;
import static dci.storage.vnas.QuietPair.local;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two blades whose index copies differ, as after a write that reached only a majority: a
 * blade that is not settled reads the newest version and sees a removal, never its own stale
 * copy.
 */
class VnasIndexMajorityTest {
  private static QuietPair pair;
  private static VnasIndex index;

  @BeforeAll
  static void start() {
    pair = new QuietPair("majority");
    // blade b's replicator runs, as VnasIndex starts it on every blade, and a's majority reads reach it
    pair.awaitReplicatorsMeet();
    // never settled: every lookup asks a majority
    index = new VnasIndex(pair.a.system(), Duration.ofSeconds(3), Duration.ofHours(1));
  }

  @AfterAll
  static void stop() {
    pair.close();
  }

  @Test
  void aLookupOnABladeThatIsNotSettledSeesTheNewerVersionAnotherBladeHolds() {
    VnasPath p = VnasPath.parse("/stale.txt");
    join(index.put(file(p, 1, 10)));
    var node = DistributedData.get(pair.b.system()).selfUniqueAddress();
    QuietPair.update(pair.b, VnasKeys.filesOf(p), m -> m.put(node, p.toString(), file(p, 2, 20)));

    assertThat(local(pair.a, p)).as("blade a's own copy is still the old one").get()
        .extracting(VnasEntry::version).isEqualTo(1L);
    assertThat(join(index.get(p))).get().extracting(VnasEntry::version, VnasEntry::size).containsExactly(2L, 20L);
  }

  @Test
  void aLookupOnABladeThatIsNotSettledSeesARemovalAnotherBladeMade() {
    VnasPath p = VnasPath.parse("/gone.txt");
    join(index.put(file(p, 1, 10)));
    var node = DistributedData.get(pair.b.system()).selfUniqueAddress();
    QuietPair.update(pair.b, VnasKeys.filesOf(p), m -> m.remove(node, p.toString()));

    assertThat(local(pair.a, p)).as("blade a's own copy still has it").isPresent();
    assertThat(join(index.get(p))).isEmpty();
  }

  @Test
  void aRemovalFromTheFirstFormatsShardsOnAnotherBladeIsSeenToo() {
    VnasPath p = VnasPath.parse("/old-gone.txt");
    var key = VnasKeys.legacyFilesOf(p);
    var na = DistributedData.get(pair.a.system()).selfUniqueAddress();
    QuietPair.update(pair.a, key, m -> m.put(na, p.toString(), file(p, 1, 10)));
    // blade b gets a's copy (as gossip would bring it), then removes the entry on its own
    var nb = DistributedData.get(pair.b.system()).selfUniqueAddress();
    var copy = QuietPair.copy(pair.a, key);
    QuietPair.update(pair.b, key, m -> m.merge(copy).remove(nb, p.toString()));

    assertThat(join(index.get(p))).isEmpty();
  }

  static VnasEntry file(VnasPath p, long version, long size) {
    return new VnasEntry(p.toString(), false, size, 1, 1, version, null, List.of(), Map.of());
  }
}
