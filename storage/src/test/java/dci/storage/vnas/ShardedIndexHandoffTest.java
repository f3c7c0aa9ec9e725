package dci.storage.vnas;

import static dci.storage.vnas.QuietPair.join;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The holders change: a blade that leaves takes no row with it (each row had a second holder),
 * and a blade that joins fills the shards it now holds from the others until their digests agree.
 */
class ShardedIndexHandoffTest {
  private HolderCage cage;

  /** Blade c, when killed, does not leave: it only goes unreachable. */
  private static final String KILLABLE = """
      pekko.coordinated-shutdown.run-by-actor-system-terminate = off
      pekko.cluster.run-coordinated-shutdown-when-down = off
      """;

  @BeforeEach
  void start() throws Exception {
    cage = new HolderCage("handoff", Files.createTempDirectory("index-handoff"), 2);
    cage.start("a");
    cage.start("b");
    cage.start("c", KILLABLE);
  }

  @AfterEach
  void stop() throws Exception {
    cage.close();
  }

  private static final List<String> PATHS =
      IntStream.range(0, 400).mapToObj(i -> "/h/d" + (i % 40) + "/f" + i + ".txt").toList();

  @Test
  void aBladeThatLeavesTakesNoRowWithIt() {
    ShardedIndexTest.putAll(cage.blades.get(0).index, PATHS);
    cage.stop(cage.blades.get(1));
    for (HolderCage.Blade b : cage.blades) {
      for (String p : PATHS) {
        assertThat(join(b.index.get(VnasPath.parse(p)))).as(p + " through " + b.name).isPresent();
      }
    }
    // and the two left still take changes of every shard
    ShardedIndexTest.putAll(cage.blades.get(1).index, List.of("/h/d7/after.txt", "/h/d8/after.txt"));
    assertThat(join(cage.blades.get(0).index.get(VnasPath.parse("/h/d7/after.txt")))).isPresent();
  }

  @Test
  void aBladeThatJoinsFillsItsShardsUntilTheirDigestsAgree() {
    ShardedIndexTest.putAll(cage.blades.get(0).index, PATHS);
    HolderCage.Blade d = cage.start("d");
    // every shard d now holds: d's rows come to what the other holder has
    Awaitility.await("d's shards agree with their other holders").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200)).until(() -> PATHS.stream().map(VnasPath::parse).allMatch(p -> {
          List<HolderCage.Blade> holders = cage.holdersOf(p);
          int shard = IndexStore.shardOf(p.parent());
          return holders.get(0).store.digest(shard).equals(holders.get(1).store.digest(shard));
        }));
    long held = PATHS.stream().map(VnasPath::parse).filter(p -> cage.holdersOf(p).contains(d)).count();
    assertThat(held).as("rows d holds now").isGreaterThan(0);
    PATHS.stream().map(VnasPath::parse).filter(p -> cage.holdersOf(p).contains(d))
        .forEach(p -> assertThat(d.store.get(p)).as(p + " on d").isPresent());
    // d decides the changes of some shards now: they build on the rows it was given
    VnasPath p = PATHS.stream().map(VnasPath::parse).filter(x -> cage.holdersOf(x).get(0) == d).findFirst().orElseThrow();
    join(cage.blades.get(1).index.change(p, e -> ShardedIndexTest.file(p.toString(), e.version() + 1)));
    assertThat(join(cage.blades.get(2).index.get(p))).get().extracting(VnasEntry::version).isEqualTo(2L);
  }

  @Test
  void aRowOnABladeThatDoesNotHoldItsShardGoesToTheHoldersAndLeavesThatBlade() {
    // as when a blade decided a change while it saw only itself: the row sits on a non-holder
    VnasPath p = IntStream.range(0, 100).mapToObj(i -> VnasPath.parse("/stray/d" + i + "/f.txt"))
        .filter(x -> !cage.holdersOf(x).contains(cage.blades.get(0))).findFirst().orElseThrow();
    HolderCage.Blade stray = cage.blades.get(0);
    join(stray.store.apply(new IndexStore.Row(p.toString(), ShardedIndexTest.file(p.toString(), 7), 1234)));

    Awaitility.await("the row reaches its holders and leaves " + stray.name).atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200)).until(() -> stray.store.get(p).isEmpty()
            && cage.holdersOf(p).stream().allMatch(h -> h.store.get(p).isPresent()));
    for (HolderCage.Blade b : cage.blades) {
      assertThat(join(b.index.get(p))).as("through " + b.name).get().extracting(VnasEntry::version).isEqualTo(7L);
    }
    assertThat(stray.store.digest(IndexStore.shardOf(p.parent()))).as("the stray shard's digest on " + stray.name)
        .isEqualTo(new IndexStore.Digest(0, 0));
  }

  @Test
  void whileABladeIsUnreachableItsShardsAreReadAndChangedThroughTheOtherHolder() throws Exception {
    ShardedIndexTest.putAll(cage.blades.get(0).index, PATHS);
    HolderCage.Blade c = cage.blades.get(2);
    List<VnasPath> decidedByC = PATHS.stream().map(VnasPath::parse).filter(p -> cage.holdersOf(p).get(0) == c).toList();
    assertThat(decidedByC).isNotEmpty();
    cage.kill(c);
    // each answer comes well before a holder's 5 s timeout: the unreachable holder is not asked
    for (String p : PATHS) {
      assertThat(cage.blades.get(1).index.get(VnasPath.parse(p)).toCompletableFuture().get(3, java.util.concurrent.TimeUnit.SECONDS))
          .as(p).isPresent();
    }
    VnasPath p = decidedByC.get(0);
    cage.blades.get(0).index.change(p, e -> ShardedIndexTest.file(p.toString(), e.version() + 1))
        .toCompletableFuture().get(3, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(join(cage.blades.get(1).index.get(p))).get().extracting(VnasEntry::version).isEqualTo(2L);
  }
}
