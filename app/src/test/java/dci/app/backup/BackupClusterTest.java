package dci.app.backup;

import dci.storage.backup.Backup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.TestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Peer backup on a cage of three real blades, driven through the API: each blade is the
 * source of one scenario, the two others its peers (replicas = 2).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupClusterTest {
  static TestCluster cluster;
  static BackupJobs blades;

  @BeforeAll
  static void start() {
    cluster = BackupJobs.blades(3).start();
    cluster.awaitApis();
    blades = new BackupJobs(cluster);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static void write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  static String read(Path p) throws IOException {
    return Files.readString(p);
  }

  static List<String> ids(JsonNode archives) {
    List<String> out = new ArrayList<>();
    archives.forEach(a -> out.add(a.get("id").asText()));
    return out;
  }

  @Test
  @Order(1)
  void snapshotThenDeltaRestoresByteForByteNonDestructivelyWithExclusionsAndPartialRestore() throws IOException {
    Path root = cluster.dir().resolve("src1");
    byte[] big = new byte[6 * 1024 * 1024];
    new Random(1).nextBytes(big);
    Files.createDirectories(root.resolve("media"));
    Files.write(root.resolve("media/big.bin"), big);
    write(root.resolve("docs/X"), "x1");
    write(root.resolve("docs/Y"), "y1");
    write(root.resolve("docs/empty"), "");
    write(root.resolve("skip/S"), "excluded dir");
    write(root.resolve("docs/song.mp3"), "excluded ext");
    blades.configure("blade-1", Map.of("root", root.toString(), "method", "snapshot", "excludeDirs", List.of("skip"),
        "excludeExts", List.of(".MP3")));
    String a = blades.run("blade-1");

    blades.configure("blade-1", Map.of("method", "delta"));
    write(root.resolve("docs/X"), "x2");
    write(root.resolve("docs/Y"), "y2");
    write(root.resolve("docs/Z"), "z2");
    Files.setPosixFilePermissions(root.resolve("docs/Z"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
    big[3 * 1024 * 1024] ^= 1;
    Files.write(root.resolve("media/big.bin"), big);
    String b = blades.run("blade-1");

    JsonNode list = blades.archives("blade-1");
    assertThat(ids(list)).containsExactly(a, b);
    assertThat(list.get(0).get("method").asText()).isEqualTo("snapshot");
    assertThat(list.get(1).get("method").asText()).isEqualTo("delta");
    assertThat(list.get(1).get("files").asInt()).as("the delta carries only X, Y, Z and big.bin").isEqualTo(4);
    assertThat(list.get(1).get("newBytes").asLong()).as("one changed chunk of big.bin is sent, not the file")
        .isLessThan(big.length / 2);
    list.forEach(x -> assertThat(x.get("heldBy")).extracting(JsonNode::asText).containsExactlyInAnyOrder("blade-2", "blade-3"));

    // the seed's X, Y, Z, W: the target has X, Y (clashing) and W (not in any archive)
    Path t = cluster.dir().resolve("t1");
    write(t.resolve("docs/X"), "old");
    write(t.resolve("docs/Y"), "old");
    write(t.resolve("docs/W"), "w");
    JsonNode r = blades.restore("blade-1", b, t, null);
    assertThat(r.get("archives")).extracting(JsonNode::asText).containsExactly(a, b);
    assertThat(read(t.resolve("docs/X"))).isEqualTo("x2");
    assertThat(read(t.resolve("docs/Y"))).isEqualTo("y2");
    assertThat(read(t.resolve("docs/Z"))).isEqualTo("z2");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(t.resolve("docs/Z"))))
        .as("the file's mode is restored").isEqualTo("rwxr-x---");
    assertThat(read(t.resolve("docs/W"))).as("non-destructive: W stays").isEqualTo("w");
    assertThat(read(t.resolve("docs/empty"))).isEmpty();
    assertThat(Files.readAllBytes(t.resolve("media/big.bin"))).isEqualTo(big);
    assertThat(t.resolve("skip")).doesNotExist();
    assertThat(t.resolve("docs/song.mp3")).doesNotExist();

    Path t2 = cluster.dir().resolve("t2");
    blades.restore("blade-1", a, t2, null);
    assertThat(read(t2.resolve("docs/X"))).isEqualTo("x1");
    assertThat(t2.resolve("docs/Z")).as("Z is only in B").doesNotExist();

    Path t3 = cluster.dir().resolve("t3");
    JsonNode partial = blades.restore("blade-1", b, t3, List.of("docs/Z", "*.bin"));
    assertThat(partial.get("files").asInt()).isEqualTo(2);
    assertThat(read(t3.resolve("docs/Z"))).isEqualTo("z2");
    assertThat(t3.resolve("media/big.bin")).exists();
    assertThat(t3.resolve("docs/X")).doesNotExist();
  }

  @Test
  @Order(2)
  void restoreUpToDAppliesAThroughDNotEAndFThenAgingKeepsWhatKeptArchivesNeed() throws IOException {
    Path root = cluster.dir().resolve("src2");
    List<String> ids = new ArrayList<>();
    for (char c = 'A'; c <= 'F'; c++) {
      write(root.resolve(Character.toLowerCase(c) + ".txt"), "only in " + c);
      write(root.resolve("v.txt"), "version " + c + " " + "x".repeat(2000 + c));
      if (c == 'A') {
        blades.configure("blade-2", Map.of("root", root.toString()));
      }
      ids.add(blades.run("blade-2"));
    }
    assertThat(ids(blades.archives("blade-2"))).containsExactlyElementsOf(ids);

    Path t = cluster.dir().resolve("t-d");
    blades.restore("blade-2", ids.get(3), t, null);
    for (char c : "abcd".toCharArray()) {
      assertThat(read(t.resolve(c + ".txt"))).isEqualTo("only in " + Character.toUpperCase(c));
    }
    assertThat(t.resolve("e.txt")).doesNotExist();
    assertThat(t.resolve("f.txt")).doesNotExist();
    assertThat(read(t.resolve("v.txt"))).startsWith("version D");

    int before = cluster.blade(1).service(Backup.class).store().packs().chunkCount();
    blades.configure("blade-2", Map.of("keepLast", 2));
    JsonNode forget = blades.result("/api/backup/forget", Map.of("blade", "blade-2"));
    assertThat(forget.get("forgotten")).extracting(JsonNode::asText).containsExactlyElementsOf(ids.subList(0, 4));
    assertThat(ids(blades.archives("blade-2"))).containsExactly(ids.get(4), ids.get(5));
    assertThat(cluster.blade(1).service(Backup.class).store().packs().chunkCount())
        .as("versions A-D of v.txt are collected").isLessThan(before);

    Path te = cluster.dir().resolve("t-e");
    blades.restore("blade-2", ids.get(4), te, null);
    for (char c : "abcde".toCharArray()) {
      assertThat(read(te.resolve(c + ".txt"))).as("folded into E").isEqualTo("only in " + Character.toUpperCase(c));
    }
    assertThat(read(te.resolve("v.txt"))).startsWith("version E");
    JsonNode check = blades.result("/api/backup/check", Map.of("blade", "blade-2", "readData", true));
    assertThat(check.get("ok").asBoolean()).as(check.toString()).isTrue();
  }

  @Test
  @Order(3)
  void aCorruptChunkIsFoundByCheckAndRestoreFallsBackToTheOtherPeer() throws IOException {
    Path root = cluster.dir().resolve("src3");
    byte[] data = new byte[300_000];
    new Random(3).nextBytes(data);
    Files.createDirectories(root);
    Files.write(root.resolve("data.bin"), data);
    blades.configure("blade-3", Map.of("root", root.toString()));
    String a = blades.run("blade-3");
    assertThat(blades.result("/api/backup/check", Map.of("blade", "blade-3", "readData", true)).get("ok").asBoolean())
        .isTrue();

    Path packs = cluster.dir().resolve("blade-1/backup/store/packs");
    Path newest;
    try (var s = Files.list(packs)) {
      newest = s.max(java.util.Comparator.comparingLong(p -> p.toFile().lastModified())).orElseThrow();
    }
    long size = Files.size(newest);
    try (var ch = java.nio.channels.FileChannel.open(newest, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {0x55, 0x55, 0x55}), size - 10);
    }
    JsonNode check = blades.result("/api/backup/check", Map.of("blade", "blade-3", "readData", true));
    assertThat(check.get("ok").asBoolean()).isFalse();
    JsonNode peer1 = null;
    for (JsonNode p : check.get("peers")) {
      if (p.get("blade").asText().equals("blade-1")) {
        peer1 = p;
      }
    }
    assertThat(peer1).isNotNull();
    assertThat(peer1.get("corruptChunks")).hasSize(1);

    Path t = cluster.dir().resolve("t3-restore");
    JsonNode r = blades.restore("blade-3", a, t, null);
    assertThat(Files.readAllBytes(t.resolve("data.bin"))).isEqualTo(data);
    assertThat(r.get("problems").toString()).contains("blade-1").contains("corrupt");
  }

  @Test
  @Order(4)
  void aMissingRootIsAClearErrorAndArchivePathsWithDotDotAreRefused() throws IOException {
    blades.configure("blade-3", Map.of("root", cluster.dir().resolve("no-such-dir").toString()));
    JsonNode failed = blades.job("/api/backup/run", Map.of("blade", "blade-3"));
    assertThat(failed.get("state").asText()).isEqualTo("failed");
    assertThat(failed.get("error").asText()).contains("no-such-dir").contains("does not exist");

    // a peer refuses a manifest naming ../ paths
    String chunk = "ab".repeat(32);
    String id = "20990101-000000-000-dead";
    Map<String, Object> archive = new java.util.LinkedHashMap<>();
    archive.put("id", id);
    archive.put("blade", "blade-3");
    archive.put("time", "2099-01-01T00:00:00Z");
    archive.put("parent", null);
    archive.put("method", "delta");
    archive.put("files", 1);
    archive.put("bytes", 1);
    archive.put("newBytes", 0);
    archive.put("deleted", 0);
    archive.put("peers", List.of("blade-1"));
    archive.put("skipped", List.of());
    archive.put("revision", 0);
    Map<String, Object> file = Map.of("path", "../escape.txt", "size", 1, "mtime", 0, "hash", chunk,
        "chunks", List.of(chunk), "deleted", false);
    var rsp = cluster.send(1, "PUT", "/internal/backup/catalogs/blade-3/" + id,
        Map.of("archive", archive, "files", List.of(file))).raw();
    assertThat(rsp.statusCode()).isEqualTo(400);
    assertThat(rsp.body()).contains("unsafe path");

    // a store tampered with on disk: the restore refuses before writing anything
    for (int k = 1; k <= 2; k++) {
      Path cat = cluster.dir().resolve("blade-" + k + "/backup/store/catalogs/blade-3");
      Files.write(cat.resolve(id + ".files"), com.github.luben.zstd.Zstd.compress(dci.protocol.Json.bytes(List.of(file))));
      Files.write(cat.resolve(id + ".json"), dci.protocol.Json.bytes(archive));
    }
    Path t = cluster.dir().resolve("t4/inner");
    Files.createDirectories(t);
    JsonNode job = blades.job("/api/backup/restore", Map.of("blade", "blade-3", "upto", id, "target", t.toString()));
    assertThat(job.get("state").asText()).isEqualTo("failed");
    assertThat(job.get("error").asText()).contains("unsafe path");
    assertThat(cluster.dir().resolve("t4/escape.txt")).doesNotExist();
    try (var s = Files.list(t)) {
      assertThat(s.count()).as("nothing written").isZero();
    }
  }

  @Test
  @Order(5)
  void theApiRefusesBadSettingsAndViewersCannotRestore() {
    var bad = cluster.send(1, "PUT", "/api/backup/config", Map.of("blade", "blade-1", "method", "zip")).raw();
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("unknown backup method");
    var relative = cluster.send(1, "PUT", "/api/backup/config", Map.of("blade", "blade-1", "root", "rel/dir")).raw();
    assertThat(relative.statusCode()).isEqualTo(400);
    var schedule = cluster.send(1, "PUT", "/api/backup/config", Map.of("blade", "blade-1", "schedule", "sometimes")).raw();
    assertThat(schedule.statusCode()).isEqualTo(400);
    assertThat(cluster.send(1, "GET", "/api/backup/archives?blade=..%2Fx", null).raw().statusCode()).isEqualTo(400);
    cluster.call(1, "POST", "/api/users", Map.of("user", "vera", "password", "viewer-pass-1", "role", "viewer"));
    String viewer = cluster.login(1, "vera", "viewer-pass-1");
    try {
      var rsp = cluster.client().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(cluster.blade(1).apiUrl() + "/api/backup/restore"))
          .header("Authorization", "Bearer " + viewer)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"blade\":\"blade-1\",\"upto\":\"x\"}")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(rsp.statusCode()).isEqualTo(403);
      var internal = cluster.client().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(cluster.blade(1).apiUrl() + "/internal/backup/stats"))
          .header("Authorization", "Bearer " + viewer).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(internal.statusCode()).isEqualTo(403);
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @Order(6)
  void aFileThatKeepsChangingWhileItIsReadIsLeftOutAndReportedAndItsLastCopyIsWhatRestores() throws Exception {
    // blade-3, whose history a test before tampered with: its next backups must still work
    Path root = cluster.dir().resolve("src6");
    write(root.resolve("docs/stable.txt"), "stable1");
    write(root.resolve("docs/live.log"), "v1");
    blades.configure("blade-3", Map.of("root", root.toString(), "method", "delta"));
    JsonNode first = blades.result("/api/backup/run", Map.of("blade", "blade-3"));
    String a = first.get("archive").get("id").asText();
    // blade-3's history holds the archive tampered with in test 4: ignored with a warning, not fatal
    assertThat(first.get("warnings").toString()).contains("unsafe path, ignored: ../escape.txt");

    write(root.resolve("docs/stable.txt"), "stable2");
    java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
    Path log = root.resolve("docs/live.log");
    Thread writer = new Thread(() -> { // appends to the log without pause (its size never holds still)
      byte[] line = new byte[4096];
      try (var ch = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
        while (writing.get() && ch.size() < 512L * 1024 * 1024) {
          ch.write(java.nio.ByteBuffer.wrap(line), ch.size());
          java.util.concurrent.locks.LockSupport.parkNanos(20_000);
        }
      } catch (IOException e) {
        // the test ends
      }
    });
    writer.start();
    await("the log to grow past 1 MiB").atMost(Duration.ofSeconds(30)).until(() -> Files.size(log) > 1024 * 1024);
    JsonNode result;
    try {
      result = blades.result("/api/backup/run", Map.of("blade", "blade-3"));
    } finally {
      writing.set(false);
      writer.join();
    }
    JsonNode b = result.get("archive");
    assertThat(b.get("parent").asText()).isEqualTo(a);
    assertThat(b.get("skipped").toString()).as(result.toString()).contains("docs/live.log");
    assertThat(result.toString()).contains("docs/live.log kept changing while it was read");

    Path target = cluster.dir().resolve("restore6");
    blades.restore("blade-3", b.get("id").asText(), target, List.of("docs/*"));
    assertThat(read(target.resolve("docs/stable.txt"))).isEqualTo("stable2");
    assertThat(read(target.resolve("docs/live.log"))).as("its last whole copy, never a torn one").isEqualTo("v1");
  }

  @Test
  @Order(7)
  void aRestoreToAnotherBladeLandsInThatBladesUserAreaAndKeepsWhatIsThere() throws Exception {
    Path home2 = cluster.dir().resolve("blade-2/home");
    write(home2.resolve("u7/report.txt"), "written on blade-2");
    write(home2.resolve("u7/sub/data.csv"), "1,2,3");
    blades.configure("blade-2", Map.of("root", "")); // the blade's user area, DATA/home
    String id = blades.run("blade-2");

    Path home3 = cluster.dir().resolve("blade-3/home");
    write(home3.resolve("u7/own.txt"), "already on blade-3");
    JsonNode job = blades.job("/api/backup/restore", Map.of("blade", "blade-2", "upto", id, "toBlade", "blade-3"));
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("done");
    assertThat(job.get("blade").asText()).as("the replacement runs the restore").isEqualTo("blade-3");
    assertThat(read(home3.resolve("u7/report.txt"))).isEqualTo("written on blade-2");
    assertThat(read(home3.resolve("u7/sub/data.csv"))).isEqualTo("1,2,3");
    assertThat(read(home3.resolve("u7/own.txt"))).as("nothing deleted").isEqualTo("already on blade-3");
  }

  @Test
  @Order(8)
  void filesSharingChunksInOneBatchAndEmptyFilesRestoreWhole() throws Exception {
    Path root = cluster.dir().resolve("src8");
    byte[] big = new byte[2_500_000];
    new Random(8).nextBytes(big);
    Files.createDirectories(root.resolve("copies"));
    Files.write(root.resolve("copies/one.bin"), big);
    Files.write(root.resolve("copies/two.bin"), big);             // every chunk used twice in a batch
    byte[] tail = java.util.Arrays.copyOfRange(big, 1_000_000, big.length);
    Files.write(root.resolve("copies/tail.bin"), tail);           // shares the later chunks only
    Files.write(root.resolve("copies/empty.txt"), new byte[0]);
    Files.write(root.resolve("copies/small.txt"), "small".getBytes());
    blades.configure("blade-1", Map.of("root", root.toString(), "method", "delta"));
    String id = blades.run("blade-1");

    Path t = cluster.dir().resolve("t8-restore");
    JsonNode r = blades.restore("blade-1", id, t, null);
    assertThat(r.get("problems")).as(r.toString()).isEmpty();
    assertThat(Files.readAllBytes(t.resolve("copies/one.bin"))).isEqualTo(big);
    assertThat(Files.readAllBytes(t.resolve("copies/two.bin"))).isEqualTo(big);
    assertThat(Files.readAllBytes(t.resolve("copies/tail.bin"))).isEqualTo(tail);
    assertThat(Files.size(t.resolve("copies/empty.txt"))).isZero();
    assertThat(read(t.resolve("copies/small.txt"))).isEqualTo("small");
  }

  @Test
  @Order(9)
  void aLinkInAFilesPlaceIsReplacedNotWrittenThroughAndNoTemporaryFileIsLeft() throws Exception {
    Path root = cluster.dir().resolve("src9");
    write(root.resolve("notes/a.txt"), "from the archive");
    write(root.resolve("notes/b.txt"), "b from the archive");
    write(root.resolve("fresh/c.txt"), "c");
    blades.configure("blade-1", Map.of("root", root.toString(), "method", "delta"));
    String id = blades.run("blade-1");

    Path t = cluster.dir().resolve("t9-restore");
    Path outside = cluster.dir().resolve("t9-outside.txt");
    write(outside, "must stay");
    write(t.resolve("notes/b.txt"), "old b");
    Files.createSymbolicLink(t.resolve("notes/a.txt"), outside);
    JsonNode r = blades.restore("blade-1", id, t, null);
    assertThat(r.get("problems")).as(r.toString()).isEmpty();
    assertThat(read(outside)).as("the file a link pointed at is untouched").isEqualTo("must stay");
    assertThat(Files.isSymbolicLink(t.resolve("notes/a.txt"))).as("the link itself is replaced").isFalse();
    assertThat(read(t.resolve("notes/a.txt"))).isEqualTo("from the archive");
    assertThat(read(t.resolve("notes/b.txt"))).as("a clashing file is overwritten").isEqualTo("b from the archive");
    assertThat(read(t.resolve("fresh/c.txt"))).isEqualTo("c");
    try (var all = Files.walk(t)) {
      assertThat(all.map(x -> x.getFileName().toString())).as("no temporary file left beside a restored one")
          .noneMatch(n -> n.startsWith(".dci-restore-"));
    }
  }

  @Test
  @Order(90)
  void aFailOverRestoreNeverOverwritesAFileTheUserWroteOnTheReplacementAfterTheFailOverBegan() throws Exception {
    Path root = cluster.dir().resolve("src-failover");
    write(root.resolve("notes.txt"), "archived notes");
    write(root.resolve("stale.txt"), "archived stale");
    write(root.resolve("only-archived.txt"), "archived only");
    blades.configure("blade-1", Map.of("root", root.toString(), "method", "snapshot", "excludeDirs", List.of(),
        "excludeExts", List.of()));
    blades.run("blade-1");

    // the replacement's home: the user wrote notes.txt after the fail-over began; stale.txt is older
    Path home = cluster.dir().resolve("replacement-home");
    java.time.Instant began = java.time.Instant.now().minusSeconds(5);
    write(home.resolve("notes.txt"), "written by the user on the replacement");
    write(home.resolve("stale.txt"), "left from long ago");
    Files.setLastModifiedTime(home.resolve("stale.txt"),
        java.nio.file.attribute.FileTime.from(began.minusSeconds(3600)));
    List<dci.storage.backup.PeerRef> peers = List.of(
        new dci.storage.backup.PeerRef("blade-2", cluster.blade(2).apiUrl()),
        new dci.storage.backup.PeerRef("blade-3", cluster.blade(3).apiUrl()));
    new dci.storage.backup.RestoreRun(new dci.storage.backup.RestoreRun.Job("blade-1", null, home,
        List.of(), peers, cluster.blade(1).service(Backup.class).client(), new dci.storage.backup.JobProgress(), 2, began)).run();

    assertThat(read(home.resolve("notes.txt"))).as("the user's newer write is kept")
        .isEqualTo("written by the user on the replacement");
    assertThat(read(home.resolve("stale.txt"))).as("an older file is restored over").isEqualTo("archived stale");
    assertThat(read(home.resolve("only-archived.txt"))).isEqualTo("archived only");
  }
}
