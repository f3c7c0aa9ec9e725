package dci.storage.vnas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A blade's share of the index on disk: durable, last writer wins, paged listings, digests, group commit. */
class IndexStoreTest {
  private Path dir;
  private ExecutorService io;

  @BeforeEach
  void start() throws Exception {
    dir = Files.createTempDirectory("index-store");
    io = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void stop() {
    io.shutdownNow();
  }

  private IndexStore open(String name) {
    return IndexStore.open(dir.resolve(name), 4, io);
  }

  private static VnasEntry file(String path, long version) {
    return new VnasEntry(path, false, 10 * version, 1, 2, version, "text/plain", List.of(), null);
  }

  private static IndexStore.Row row(String path, long stamp) {
    return new IndexStore.Row(path, file(path, stamp), stamp);
  }

  private static boolean apply(IndexStore s, IndexStore.Row r) {
    return s.apply(r).toCompletableFuture().join();
  }

  @Test
  void anAcknowledgedChangeIsThereAfterTheStoreIsOpenedAgain() {
    try (IndexStore s = open("a")) {
      assertThat(apply(s, row("/docs/a.txt", 1))).isTrue();
      assertThat(apply(s, new IndexStore.Row("/docs/gone.txt", null, 5))).isTrue();
    }
    try (IndexStore s = open("a")) {
      assertThat(s.get(VnasPath.parse("/docs/a.txt"))).hasValueSatisfying(r -> {
        assertThat(r.entry()).isEqualTo(file("/docs/a.txt", 1));
        assertThat(r.stamp()).isEqualTo(1);
      });
      assertThat(s.get(VnasPath.parse("/docs/gone.txt"))).hasValueSatisfying(r -> assertThat(r.removed()).isTrue());
      assertThat(s.get(VnasPath.parse("/docs/never.txt"))).isEmpty();
    }
  }

  @Test
  void anOlderChangeNeverReplacesANewerOneARemovalIncluded() {
    try (IndexStore s = open("b")) {
      assertThat(apply(s, row("/f", 5))).isTrue();
      assertThat(apply(s, row("/f", 4))).as("older").isFalse();
      assertThat(apply(s, row("/f", 5))).as("same stamp").isFalse();
      assertThat(s.get(VnasPath.parse("/f")).orElseThrow().entry().version()).isEqualTo(5);
      assertThat(apply(s, new IndexStore.Row("/f", null, 7))).isTrue();
      assertThat(apply(s, row("/f", 6))).as("older than the removal").isFalse();
      assertThat(s.get(VnasPath.parse("/f")).orElseThrow().removed()).isTrue();
      assertThat(apply(s, row("/f", 8))).as("made again after it").isTrue();
    }
  }

  @Test
  void aListingHoldsOnlyTheDirectChildrenInNameOrderAPageAtATime() {
    try (IndexStore s = open("c")) {
      for (String p : List.of("/a/x", "/a/y", "/a/w", "/a/sub/deep", "/ab/x", "/a\u00e9/x", "/z")) {
        apply(s, row(p, 1));
      }
      apply(s, new IndexStore.Row("/a/v", null, 2));
      VnasPath a = VnasPath.parse("/a");
      assertThat(s.children(a, null, 100)).extracting(VnasEntry::path).containsExactly("/a/w", "/a/x", "/a/y");
      assertThat(s.children(a, null, 2)).extracting(VnasEntry::path).containsExactly("/a/w", "/a/x");
      assertThat(s.children(a, "x", 2)).extracting(VnasEntry::path).containsExactly("/a/y");
      assertThat(s.children(VnasPath.ROOT, null, 100)).extracting(VnasEntry::path).containsExactly("/z");
      assertThat(s.children(VnasPath.parse("/a/sub"), null, 100)).extracting(VnasEntry::path).containsExactly("/a/sub/deep");
    }
  }

  @Test
  void twoStoresGivenTheSameChangesInAnyOrderHaveEqualDigestsAndEqualRows() {
    List<IndexStore.Row> changes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      changes.add(row("/d/f" + (i % 100), 1 + i / 100)); // each path three times, stamps 1..3
    }
    changes.add(new IndexStore.Row("/d/f7", null, 9));
    List<IndexStore.Row> shuffled = new ArrayList<>(changes);
    Collections.shuffle(shuffled, new java.util.Random(7));
    int shard = IndexStore.shardOf(VnasPath.parse("/d"));
    try (IndexStore s = open("d1"); IndexStore t = open("d2")) {
      changes.forEach(r -> apply(s, r));
      shuffled.forEach(r -> apply(t, r));
      assertThat(s.digest(shard)).isEqualTo(t.digest(shard)).isEqualTo(new IndexStore.Digest(100, s.digest(shard).hash()));
      assertThat(t.rows(shard, null, 1000)).isEqualTo(s.rows(shard, null, 1000)).hasSize(100);
      apply(t, row("/d/f1", 4));
      assertThat(t.digest(shard)).as("one newer row").isNotEqualTo(s.digest(shard));
      apply(s, row("/d/f1", 4));
      assertThat(t.digest(shard)).isEqualTo(s.digest(shard));
    }
  }

  @Test
  void aShardsRowsAreHandedOverAPageAtATimeTombstonesIncluded() {
    try (IndexStore s = open("e")) {
      for (int i = 0; i < 25; i++) {
        apply(s, row("/p/f" + i, 1));
      }
      apply(s, new IndexStore.Row("/p/f3", null, 2));
      apply(s, row("/q/other", 1));
      int shard = IndexStore.shardOf(VnasPath.parse("/p"));
      List<IndexStore.Row> all = new ArrayList<>();
      VnasPath after = null;
      for (List<IndexStore.Row> page = s.rows(shard, null, 10); !page.isEmpty(); page = s.rows(shard, after, 10)) {
        all.addAll(page);
        after = VnasPath.parse(page.get(page.size() - 1).path());
      }
      assertThat(all).hasSize(shard == IndexStore.shardOf(VnasPath.parse("/q")) ? 26 : 25)
          .filteredOn(IndexStore.Row::removed).extracting(IndexStore.Row::path).containsExactly("/p/f3");
    }
  }

  @Test
  void changesArrivingTogetherShareCommits() {
    try (IndexStore s = open("f")) {
      List<CompletableFuture<Boolean>> all = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        all.add(s.apply(row("/many/f" + i, 1)).toCompletableFuture());
      }
      all.forEach(f -> assertThat(f.join()).isTrue());
      assertThat(s.commits()).as("one commit and fsync serves many changes").isLessThan(200);
      assertThat(s.children(VnasPath.parse("/many"), null, 5000)).hasSize(2000);
    }
  }

  @Test
  void digestsFollowTheRowNotHowItsPathWasSpelledAndTellApartTwoEntriesUnderOneStamp() {
    int shard = IndexStore.shardOf(VnasPath.parse("/a"));
    try (IndexStore s = open("g1"); IndexStore t = open("g2")) {
      apply(s, new IndexStore.Row("/a/b/", file("/a/b", 1), 1));
      apply(s, row("/a/b", 2));
      apply(t, row("/a/b", 2));
      assertThat(s.digest(shard)).isEqualTo(t.digest(shard));
      apply(s, row("/a/c", 3));
      apply(t, new IndexStore.Row("/a/c", file("/a/c", 4), 3)); // another entry under the same stamp
      assertThat(s.digest(shard)).as("the holders differ, and their digests say so").isNotEqualTo(t.digest(shard));
    }
  }

  @Test
  void aDecidedChangeIsStampedAboveTheRowItMeetsAndOnlyAtTheStampExpected() {
    try (IndexStore s = open("decide")) {
      VnasPath p = VnasPath.parse("/d/x.txt");
      apply(s, row("/d/x.txt", 500));
      // a clock behind the row's stamp still stamps above it, so every holder keeps the change
      IndexStore.Row next = s.decide(p, file("/d/x.txt", 2), 500, 100).toCompletableFuture().join();
      assertThat(next.stamp()).isEqualTo(501);
      assertThat(s.get(p)).hasValueSatisfying(r -> assertThat(r.entry().version()).isEqualTo(2));

      var stale = s.decide(p, file("/d/x.txt", 3), 500, 1000).toCompletableFuture();
      assertThat(stale).failsWithin(java.time.Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
          .havingCause().isInstanceOfSatisfying(IndexStore.Conflict.class,
              c -> assertThat(c.current().stamp()).isEqualTo(501));
      assertThat(s.get(p)).hasValueSatisfying(r -> assertThat(r.entry().version()).isEqualTo(2));

      // expecting no row (0) fails while there is one, and an unconditional removal takes the clock
      assertThat(s.decide(p, null, 0, 1).toCompletableFuture()).failsWithin(java.time.Duration.ofSeconds(5));
      assertThat(s.decide(p, null, -1, 9000).toCompletableFuture().join().stamp()).isEqualTo(9000);
      assertThat(s.get(p)).hasValueSatisfying(r -> assertThat(r.removed()).isTrue());
    }
  }
}
