package dci.storage.vnas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The location index on a one-blade cluster: batched writes, the directory walk, the first format's shards. */
class VnasIndexTest {
  private static ActorTestKit kit;
  private static VnasIndex index;

  @BeforeAll
  static void start() throws InterruptedException {
    kit = OneBladeCluster.start("index", "");
    index = new VnasIndex(kit.system(), Duration.ofSeconds(3), Duration.ofMillis(500));
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void concurrentChangesOfOneDirectoryAllLandAndARefusedOneFailsAlone() throws Exception {
    VnasPath dir = VnasPath.parse("/many");
    join(index.put(VnasEntry.collection(dir, 1)));
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      writes.add(index.put(file("/many/f" + i, i)).toCompletableFuture());
    }
    // asked for while others of its shards are in flight: batched with them, and refused alone
    CompletableFuture<?> refused = index.change(VnasPath.parse("/many/f7"), old -> {
      throw new VnasException(412, "refused");
    }).toCompletableFuture();
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(VnasException.class);

    List<VnasEntry> children = join(index.children(dir));
    assertThat(children).hasSize(200);
    assertThat(children).extracting(VnasEntry::size).containsExactlyInAnyOrderElementsOf(
        java.util.stream.IntStream.range(0, 200).mapToObj(i -> (long) i).toList());
    assertThat(join(index.get(VnasPath.parse("/many/f7")))).get().extracting(VnasEntry::size).isEqualTo(7L);
  }

  @Test
  void aLookupMissTrustsTheLocalCopyOnceThisBladeHasBeenUpForTheSettleTime() {
    org.awaitility.Awaitility.await("Up, every blade reachable, 0.5 s quiet").atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50)).until(index::settled);
    assertThat(join(index.get(VnasPath.parse("/never/written.txt")))).isEmpty();
  }

  @Test
  void treeWalksCollectionsParentsFirst() {
    join(index.put(VnasEntry.collection(VnasPath.parse("/t"), 1)));
    join(index.put(VnasEntry.collection(VnasPath.parse("/t/a"), 1)));
    join(index.put(VnasEntry.collection(VnasPath.parse("/t/a/b"), 1)));
    join(index.put(file("/t/a/b/deep.txt", 3)));
    join(index.put(file("/t/top.txt", 1)));
    join(index.put(file("/other.txt", 1)));

    List<String> tree = join(index.tree(VnasPath.parse("/t"))).stream().map(VnasEntry::path).toList();
    assertThat(tree).containsExactlyInAnyOrder("/t", "/t/a", "/t/a/b", "/t/a/b/deep.txt", "/t/top.txt");
    assertThat(tree.indexOf("/t/a")).isLessThan(tree.indexOf("/t/a/b"));
    assertThat(tree.indexOf("/t/a/b")).isLessThan(tree.indexOf("/t/a/b/deep.txt"));
    assertThat(join(index.tree(VnasPath.parse("/t/top.txt")))).extracting(VnasEntry::path).containsExactly("/t/top.txt");
    assertThat(join(index.tree(VnasPath.parse("/nothing")))).isEmpty();
  }

  @Test
  void entriesOfTheFirstFormatAreFoundListedAndMovedOnChange() {
    join(index.put(VnasEntry.collection(VnasPath.parse("/old"), 1)));
    VnasPath p = VnasPath.parse("/old/kept.txt");
    writeLegacy(p, file(p.toString(), 42));

    assertThat(join(index.get(p))).get().extracting(VnasEntry::size).isEqualTo(42L);
    assertThat(join(index.children(VnasPath.parse("/old")))).extracting(VnasEntry::path).containsExactly("/old/kept.txt");
    assertThat(join(index.all())).extracting(VnasEntry::path).contains("/old/kept.txt");

    // a change sees the old entry and moves it to the current shards
    join(index.change(p, old -> new VnasEntry(old.path(), false, old.size() + 1, old.created(), 2, old.version() + 1,
        null, List.of(), Map.of())));
    assertThat(legacy(p)).isEmpty();
    assertThat(join(index.get(p))).get().extracting(VnasEntry::size).isEqualTo(43L);
    assertThat(join(index.children(VnasPath.parse("/old")))).hasSize(1);

    // a removal reaches the first format's shard too
    VnasPath q = VnasPath.parse("/old/gone.txt");
    writeLegacy(q, file(q.toString(), 1));
    join(index.remove(q));
    assertThat(legacy(q)).isEmpty();
    assertThat(join(index.get(q))).isEmpty();
  }

  private static VnasEntry file(String path, long size) {
    return new VnasEntry(path, false, size, 1, 1, 1, null, List.of(), Map.of());
  }

  private static void writeLegacy(VnasPath p, VnasEntry e) {
    var key = VnasKeys.legacyFilesOf(p);
    var node = DistributedData.get(kit.system()).selfUniqueAddress();
    join(AskPattern.<Replicator.Command, Replicator.UpdateResponse<LWWMap<String, VnasEntry>>>ask(
        DistributedData.get(kit.system()).replicator(),
        r -> new Replicator.Update<>(key, LWWMap.create(), Replicator.writeLocal(), r, m -> m.put(node, p.toString(), e)),
        Duration.ofSeconds(5), kit.system().scheduler()));
  }

  private static java.util.Optional<VnasEntry> legacy(VnasPath p) {
    var key = VnasKeys.legacyFilesOf(p);
    var rsp = join(AskPattern.<Replicator.Command, Replicator.GetResponse<LWWMap<String, VnasEntry>>>ask(
        DistributedData.get(kit.system()).replicator(), r -> new Replicator.Get<>(key, Replicator.readLocal(), r),
        Duration.ofSeconds(5), kit.system().scheduler()));
    if (rsp instanceof Replicator.GetSuccess<LWWMap<String, VnasEntry>> ok) {
      var o = ok.get(key).get(p.toString());
      return o.isDefined() ? java.util.Optional.of(o.get()) : java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }

  private static <T> T join(java.util.concurrent.CompletionStage<T> s) {
    try {
      return s.toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

}
