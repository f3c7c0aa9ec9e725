package dci.storage.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A peer's backup store, the sequential-restore rules and the path checks. */
class StoreTest {
  @TempDir Path dir;

  private static ChunkRecord chunk(int seed, int size) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return ChunkRecord.of(b, 0, size);
  }

  private static byte[] body(ChunkRecord... rs) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ChunkRecord r : rs) {
      r.writeTo(out);
    }
    return out.toByteArray();
  }

  @Test
  void packsAreStoredOnceReadBackAfterARestartAndCollectedOnlyWhenNotReferenced() throws IOException {
    PackStore store = new PackStore(dir);
    ChunkRecord a = chunk(1, 5000);
    ChunkRecord b = chunk(2, 7000);
    assertThat(store.add(body(a, b)).chunks()).isEqualTo(2);
    assertThat(store.add(body(a)).duplicates()).as("dedup").isEqualTo(1);
    PackStore again = new PackStore(dir);
    assertThat(again.read(a.hash()).plain()).isEqualTo(a.plain());
    assertThat(again.missing(List.of(a.hash(), chunk(3, 10).hash()))).hasSize(1);
    PackStore.Collected c = again.collect(Set.of(a.hash()), Duration.ZERO);
    assertThat(c.chunks()).isEqualTo(1);
    assertThat(again.has(a.hash())).as("a referenced chunk is never removed").isTrue();
    assertThat(again.has(b.hash())).isFalse();
    assertThat(new PackStore(dir).read(a.hash()).plain()).isEqualTo(a.plain());
  }

  @Test
  void recordsReadInABatchComeInTheOrderAskedAcrossPacksWithTheOnesNotHeldLeftOut() throws IOException {
    PackStore store = new PackStore(dir);
    ChunkRecord a = chunk(11, 4000);
    ChunkRecord b = chunk(12, 5000);
    ChunkRecord c = chunk(13, 6000);
    store.add(body(a, b));
    store.add(body(c));
    List<byte[]> got = store.readRecords(List.of(c.hash(), chunk(14, 10).hash(), b.hash(), a.hash()));
    assertThat(got).hasSize(3);
    assertThat(got.get(0)).isEqualTo(body(c));
    assertThat(got.get(1)).isEqualTo(body(b));
    assertThat(got.get(2)).isEqualTo(body(a));
    assertThat(store.recordSize(b.hash())).isEqualTo(b.size());
    assertThat(store.recordSize(chunk(14, 10).hash())).isZero();
  }

  @Test
  void aBadRecordRefusesTheWholePackAndADamagedPackIsFoundByVerify() throws IOException {
    PackStore store = new PackStore(dir);
    ChunkRecord good = chunk(4, 3000);
    byte[] stored = good.stored().clone();
    stored[10] ^= 1;
    ChunkRecord lying = new ChunkRecord(chunk(5, 3000).hash(), good.compressed(), good.plainLength(), stored);
    assertThatThrownBy(() -> store.add(body(good, lying))).isInstanceOf(CorruptChunkException.class);
    assertThat(store.has(good.hash())).as("nothing stored from a bad pack").isFalse();
    assertThatThrownBy(() -> store.add(new byte[] {1, 2, 3})).isInstanceOf(IOException.class);

    store.add(body(good));
    Path pack;
    try (var s = Files.list(dir.resolve("packs"))) {
      pack = s.findFirst().orElseThrow();
    }
    byte[] raw = Files.readAllBytes(pack);
    raw[raw.length - 5] ^= 0x20;
    Files.write(pack, raw);
    Map<String, List<String>> v = new PackStore(dir).verify(List.of(good.hash(), chunk(6, 10).hash()));
    assertThat(v.get("corrupt")).containsExactly(good.hash());
    assertThat(v.get("missing")).hasSize(1);
  }

  private static Manifest m(String id, ArchiveFile... files) {
    return new Manifest(new Archive(id, "blade-1", Instant.parse("2026-11-25T10:00:00Z"), null, BackupMethod.delta,
        files.length, 0, 0, 0, List.of(), List.of(), 0), List.of(files));
  }

  private static ArchiveFile f(String path, String version) {
    return new ArchiveFile(path, version.length(), 0, null, null, List.of(), false);
  }

  @Test
  void aSequentialRestoreTakesEachPathsNewestCopyAndNeverAppliesDeletions() {
    Manifest a = m("A", f("X", "x1"), f("Y", "y1"), f("gone", "g"));
    Manifest b = m("B", f("X", "x2---"), f("Z", "z"), ArchiveFile.deletion("gone", 1));
    Map<String, ArchiveFile> upToB = TreeView.restorable(List.of(a, b));
    assertThat(upToB.keySet()).containsExactlyInAnyOrder("X", "Y", "Z", "gone");
    assertThat(upToB.get("X").size()).isEqualTo(5);
    assertThat(TreeView.fold(List.of(a, b)).keySet()).as("the tree after B").containsExactlyInAnyOrder("X", "Y", "Z");

    Manifest folded = new Manifest(b.archive(), TreeView.merge(List.of(a), b));
    assertThat(TreeView.restorable(List.of(folded))).isEqualTo(upToB);
    assertThat(TreeView.fold(List.of(folded)).keySet()).containsExactlyInAnyOrder("X", "Y", "Z");
  }

  @Test
  void archivePathsAreCheckedAndARestoreNeverLeavesItsTarget() throws IOException {
    for (String bad : List.of("../x", "a/../../x", "/etc/passwd", "a//b", "a\\b", "a/./b", "x\u0000y", "")) {
      assertThatThrownBy(() -> SafePaths.check(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(SafePaths.check("docs/a b.txt")).isEqualTo("docs/a b.txt");
    Path target = Files.createDirectories(dir.resolve("target"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(target.resolve("link"), outside);
    assertThatThrownBy(() -> SafePaths.resolve(target, "link/evil.txt")).hasMessageContaining("leading out");
    assertThat(SafePaths.resolve(target, "docs/ok.txt")).startsWithRaw(target.toRealPath());
  }

  @Test
  void aRestoreTargetLooksAtEachDirectoryOnceAndStillRefusesLinksAndDirectories() throws IOException {
    Path target = Files.createDirectories(dir.resolve("t2"));
    Path outside = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createDirectories(target.resolve("docs/deep"));
    Files.createSymbolicLink(target.resolve("docs/out"), outside);
    SafePaths.Target t = new SafePaths.Target(target);
    for (int i = 0; i < 3; i++) {
      assertThat(t.resolve("docs/deep/f" + i + ".txt")).isEqualTo(target.toRealPath().resolve("docs/deep/f" + i + ".txt"));
    }
    assertThatThrownBy(() -> t.resolve("docs/out/evil.txt")).as("a link leading out, below a directory already seen")
        .hasMessageContaining("leading out");
    assertThatThrownBy(() -> t.resolve("docs/deep")).as("a directory in the place of a file").hasMessageContaining("is a directory");
    assertThatThrownBy(() -> t.resolve("../x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDirectoryThatDidNotExistYetIsStillCheckedOnceItDoes() throws IOException {
    Path target = Files.createDirectories(dir.resolve("t3"));
    Path outside = Files.createDirectories(dir.resolve("away"));
    SafePaths.Target t = new SafePaths.Target(target);
    assertThat(t.resolve("later/deep/f.txt")).isEqualTo(target.toRealPath().resolve("later/deep/f.txt"));
    Files.createSymbolicLink(target.resolve("later"), outside); // put there between the checks
    assertThatThrownBy(() -> t.resolve("later/deep/g.txt")).hasMessageContaining("leading out");
  }
}
