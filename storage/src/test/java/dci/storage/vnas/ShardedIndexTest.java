package dci.storage.vnas;

import static dci.storage.vnas.QuietPair.join;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three blades whose index rows are each held by two of them (r = 2): what is written through
 * one blade is found through every other at once, each row sits on its two holders and not on
 * the third, concurrent changes of one row through three blades lose none, and a listing longer
 * than a page comes whole and in order. The blades here have settled (their holders unchanged
 * for a second), so a lookup asks a shard's first holder alone and a decision asks no other
 * holder first; {@link ShardedIndexHandoffTest} covers holders that change.
 */
class ShardedIndexTest {
  private static HolderCage cage;

  @BeforeAll
  static void start() throws Exception {
    cage = new HolderCage("sharded", Files.createTempDirectory("sharded-index"), 2, java.time.Duration.ofSeconds(1));
    cage.start("a");
    cage.start("b");
    cage.start("c");
    cage.awaitSettled();
  }

  @AfterAll
  static void stop() throws Exception {
    cage.close();
  }

  static VnasEntry file(String path, long version) {
    return new VnasEntry(path, false, version, 1, 1, version, null, List.of(), Map.of());
  }

  static void putAll(ShardedIndex index, List<String> paths) {
    List<CompletableFuture<?>> all = new ArrayList<>();
    paths.forEach(p -> all.add(index.put(file(p, 1)).toCompletableFuture()));
    join(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
  }

  @Test
  void aFileWrittenThroughOneBladeIsFoundThroughEveryOtherAtOnce() {
    List<String> paths = IntStream.range(0, 120).mapToObj(i -> "/found/d" + (i % 12) + "/f" + i + ".txt").toList();
    putAll(cage.blades.get(0).index, paths);
    for (HolderCage.Blade b : cage.blades) {
      for (String p : paths) {
        assertThat(join(b.index.get(VnasPath.parse(p)))).as(p + " through " + b.name).isPresent();
      }
      assertThat(join(b.index.children(VnasPath.parse("/found/d3")))).extracting(VnasEntry::path)
          .as("listing through " + b.name).containsExactly(paths.stream().filter(p -> p.startsWith("/found/d3/"))
              .sorted().toArray(String[]::new));
    }
  }

  @Test
  void eachRowIsStoredOnItsTwoHoldersAndNotOnTheThirdBlade() {
    List<String> paths = IntStream.range(0, 60).mapToObj(i -> "/held/d" + i + "/f.txt").toList();
    putAll(cage.blades.get(1).index, paths);
    for (String p : paths) {
      VnasPath path = VnasPath.parse(p);
      List<HolderCage.Blade> holders = cage.holdersOf(path);
      assertThat(holders).hasSize(2);
      for (HolderCage.Blade b : cage.blades) {
        assertThat(b.store.get(path).isPresent()).as(p + " on " + b.name).isEqualTo(holders.contains(b));
      }
    }
  }

  @Test
  void stripeLocationsAreRowsHeldLikeEntriesButNoFileOfTheVolume() {
    String hash = "ab" + "c".repeat(62);
    ShardedIndex a = cage.blades.get(0).index;
    join(a.locations().bind(hash, List.of("blade-1", "blade-2")));
    join(cage.blades.get(1).index.locations().bind(hash, List.of("blade-3")));
    for (HolderCage.Blade b : cage.blades) {
      assertThat(join(b.index.locations().holders(hash))).as("through " + b.name).containsExactlyInAnyOrder("blade-1", "blade-2", "blade-3");
    }
    join(cage.blades.get(2).index.locations().unbind(hash, "blade-2"));
    assertThat(join(a.locations().holders(hash))).containsExactlyInAnyOrder("blade-1", "blade-3");
    assertThat(join(a.locations().all())).containsEntry(hash, java.util.Set.of("blade-1", "blade-3"));
    VnasPath row = StripeRows.pathOf(hash);
    assertThat(cage.holdersOf(row)).allSatisfy(b -> assertThat(b.store.get(row)).as("on " + b.name).isPresent());
    assertThat(join(a.all())).extracting(VnasEntry::path).noneMatch(p -> p.contains(StripeRows.DIR));
    assertThat(join(a.children(VnasPath.ROOT))).extracting(VnasEntry::path).doesNotContain("/" + StripeRows.DIR);
    join(cage.blades.get(1).index.locations().forget(hash));
    assertThat(join(a.locations().holders(hash))).isEmpty();
    assertThat(join(a.locations().all())).doesNotContainKey(hash);
  }

  @Test
  void concurrentBindsOfOneStripeThroughThreeBladesLoseNone() {
    String hash = "cd" + "e".repeat(62);
    List<CompletionStage<?>> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      all.add(cage.blades.get(i % 3).index.locations().bind(hash, List.of("blade-" + i)));
    }
    all.forEach(QuietPair::join);
    assertThat(join(cage.blades.get(2).index.locations().holders(hash))).hasSize(30);
  }

  @Test
  void concurrentChangesOfOneRowThroughThreeBladesLoseNone() {
    VnasPath p = VnasPath.parse("/count/n.txt");
    List<CompletionStage<?>> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      for (HolderCage.Blade b : cage.blades) {
        all.add(b.index.change(p, e -> file(p.toString(), e == null ? 1 : e.version() + 1)));
      }
    }
    all.forEach(QuietPair::join);
    for (HolderCage.Blade b : cage.blades) {
      assertThat(join(b.index.get(p))).get().extracting(VnasEntry::version).as("through " + b.name).isEqualTo(90L);
    }
  }

  @Test
  void aListingLongerThanAPageComesWholeAndInOrderWithoutItsRemovals() {
    List<String> paths = IntStream.range(0, 1300).mapToObj(i -> String.format("/big/f%05d", i)).toList();
    putAll(cage.blades.get(2).index, paths);
    List<CompletableFuture<?>> gone = new ArrayList<>();
    for (int i = 0; i < 1300; i += 13) {
      gone.add(cage.blades.get(0).index.remove(VnasPath.parse(paths.get(i))).toCompletableFuture());
    }
    gone.forEach(QuietPair::join);
    List<String> left = IntStream.range(0, 1300).filter(i -> i % 13 != 0).mapToObj(paths::get).toList();
    assertThat(join(cage.blades.get(1).index.children(VnasPath.parse("/big")))).extracting(VnasEntry::path)
        .containsExactlyElementsOf(left);
    assertThat(join(cage.blades.get(1).index.get(VnasPath.parse(paths.get(13))))).isEmpty();
  }

  @Test
  void everyEntryOfTheVolumeComesOnceFromTheBladesThatDecideItsShard() {
    List<String> paths = IntStream.range(0, 300).mapToObj(i -> "/all/d" + (i % 30) + "/f" + i).toList();
    putAll(cage.blades.get(0).index, paths);
    for (int i = 0; i < 300; i += 30) {
      join(cage.blades.get(1).index.remove(VnasPath.parse(paths.get(i))));
    }
    List<String> left = IntStream.range(0, 300).filter(i -> i % 30 != 0).mapToObj(paths::get).toList();
    for (HolderCage.Blade b : cage.blades) {
      assertThat(join(b.index.all())).extracting(VnasEntry::path).filteredOn(p -> p.startsWith("/all/"))
          .as("through " + b.name).containsExactlyInAnyOrderElementsOf(left);
    }
  }

  @Test
  void anEntryTakenOverFromTheReplicatedIndexNeverReplacesARowOrARemoval() {
    VnasPath kept = VnasPath.parse("/adopt/kept");
    VnasPath gone = VnasPath.parse("/adopt/gone");
    VnasPath fresh = VnasPath.parse("/adopt/fresh");
    ShardedIndex index = cage.blades.get(2).index;
    join(index.put(file(kept.toString(), 5)));
    join(index.put(file(gone.toString(), 1)));
    join(index.remove(gone));

    assertThat(join(index.adopt(file(kept.toString(), 1)))).isFalse();
    assertThat(join(index.adopt(file(gone.toString(), 1)))).isFalse();
    assertThat(join(index.adopt(file(fresh.toString(), 1)))).isTrue();
    assertThat(join(cage.blades.get(0).index.get(kept))).get().extracting(VnasEntry::version).isEqualTo(5L);
    assertThat(join(cage.blades.get(0).index.get(gone))).isEmpty();
    assertThat(join(cage.blades.get(0).index.get(fresh))).isPresent();
  }

  @Test
  void aVolumeMadeReplicatedHasItsEntriesCarriedIntoTheShardedIndex() {
    var system = cage.blades.get(0).kit.system();
    // every blade's replicator runs, as on a blade: a write to all blades is answered by all
    cage.blades.forEach(b -> org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData.get(b.kit.system()));
    VnasIndex replicated = new VnasIndex(system, java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(1));
    List<String> paths = IntStream.range(0, 40).mapToObj(i -> "/carried/d" + (i % 4) + "/f" + i).toList();
    paths.forEach(p -> join(replicated.put(file(p, 3))));
    replicated.shardEntries(cage.blades.get(0).index);

    assertThat(join(IndexMigration.run(system, replicated, cage.blades.get(0).index))).isEqualTo(40);
    assertThat(join(replicated.replicatedEntries())).as("left in Distributed Data").isEmpty();
    for (String p : paths) {
      assertThat(join(cage.blades.get(1).index.get(VnasPath.parse(p)))).as(p).get()
          .extracting(VnasEntry::version).isEqualTo(3L);
    }
    assertThat(join(IndexMigration.run(system, replicated, cage.blades.get(0).index))).as("a second run").isZero();
  }

  @Test
  void anUnchangedVolumeIsNotSentAgainButAChangeAnywhereIs() {
    ShardedIndex index = cage.blades.get(1).index;
    putAll(cage.blades.get(0).index, List.of("/again/a", "/again/b"));
    List<VnasEntry> first = join(index.all());
    assertThat(join(index.all())).as("the same entries, not read again").isSameAs(first);
    join(cage.blades.get(2).index.put(file("/again/c", 1)));
    List<VnasEntry> third = join(index.all());
    assertThat(third).isNotSameAs(first).extracting(VnasEntry::path).contains("/again/a", "/again/b", "/again/c");
    join(cage.blades.get(0).index.remove(VnasPath.parse("/again/a")));
    assertThat(join(index.all())).extracting(VnasEntry::path).doesNotContain("/again/a").contains("/again/c");
  }
}
