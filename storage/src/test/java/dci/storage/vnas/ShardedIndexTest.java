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
 * than a page comes whole and in order.
 */
class ShardedIndexTest {
  private static HolderCage cage;

  @BeforeAll
  static void start() throws Exception {
    cage = new HolderCage("sharded", Files.createTempDirectory("sharded-index"), 2);
    cage.start("a");
    cage.start("b");
    cage.start("c");
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
}
