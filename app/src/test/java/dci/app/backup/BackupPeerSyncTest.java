package dci.app.backup;

import dci.storage.backup.Backup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.TestCluster;
import dci.storage.backup.Archive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Peersync after a peer was away, the mirror method's bounded lag, and a schedule firing. */
class BackupPeerSyncTest {

  private static List<String> held(TestCluster cluster, int k, String source) {
    try {
      return cluster.blade(k).service(Backup.class).store().catalogs().list(source).stream().map(Archive::id).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aPeerDownDuringTwoIncrementalsCatchesUpByPeersyncAndMirrorAndScheduleRunByThemselves() throws IOException {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T02:29:00Z"));
    try (TestCluster cluster = BackupJobs.blades(3).clock(clock).start()) {
      cluster.awaitApis();
      BackupJobs blades = new BackupJobs(cluster);
      Path root = cluster.dir().resolve("src");
      Files.createDirectories(root);
      Files.writeString(root.resolve("one.txt"), "first");
      blades.configure("blade-1", Map.of("root", root.toString()));
      String a = blades.run("blade-1");
      assertThat(held(cluster, 2, "blade-1")).containsExactly(a);
      assertThat(held(cluster, 3, "blade-1")).containsExactly(a);

      // blade-3 dies; two incrementals reach blade-2 only
      cluster.crash(3);
      cluster.awaitGone(3);
      Files.writeString(root.resolve("two.txt"), "second");
      String b = blades.run("blade-1");
      Files.writeString(root.resolve("three.txt"), "third".repeat(1000));
      String c = blades.run("blade-1");
      assertThat(held(cluster, 2, "blade-1")).containsExactly(a, b, c);

      // it comes back and pulls what it missed from blade-2
      cluster.restart(3);
      cluster.awaitApis();
      await().atMost(Duration.ofSeconds(60)).until(() -> held(cluster, 3, "blade-1").size() == 3);
      assertThat(held(cluster, 3, "blade-1")).containsExactly(a, b, c);
      JsonNode check = blades.result("/api/backup/check", Map.of("blade", "blade-1", "readData", true));
      assertThat(check.get("ok").asBoolean()).as(check.toString()).isTrue();

      // mirror: a change reaches the peers by itself, within the lag (300 ms) plus sending
      Path mroot = cluster.dir().resolve("mirror");
      Files.createDirectories(mroot);
      Files.writeString(mroot.resolve("before.txt"), "there before the mirror began");
      blades.configure("blade-2", Map.of("root", mroot.toString(), "method", "mirror"));
      // the mirror's first run comes once it watches its root (what is there is its first archive): from then on
      // a change is seen, and the lag is timed from the change
      await("blade-2's first mirror archive").atMost(Duration.ofSeconds(30))
          .until(() -> blades.archives("blade-2").size() >= 1);
      long t0 = System.currentTimeMillis();
      Files.writeString(mroot.resolve("note.txt"), "written at the desk");
      await("note.txt in a mirror archive").atMost(Duration.ofSeconds(10)).until(() -> {
        JsonNode list = blades.archives("blade-2");
        for (JsonNode arch : list) {
          JsonNode shown = cluster.call(1, "GET", "/api/backup/archives/" + arch.get("id").asText() + "?blade=blade-2", null);
          for (JsonNode f : shown.get("files")) {
            if (f.get("path").asText().equals("note.txt")) {
              return true;
            }
          }
        }
        return false;
      });
      assertThat(System.currentTimeMillis() - t0).as("mirror lag").isLessThan(5000);
      assertThat(blades.archives("blade-2").get(0).get("method").asText()).isEqualTo("mirror");

      // schedule: "daily 02:30" fires when the clock passes 02:30, not before
      Path sroot = cluster.dir().resolve("sched");
      Files.createDirectories(sroot);
      Files.writeString(sroot.resolve("s.txt"), "scheduled");
      blades.configure("blade-3", Map.of("root", sroot.toString(), "schedule", "daily 02:30"));
      // nothing may happen before 02:30: the settings have reached every blade; 1 s is five backup ticks
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(blades.archives("blade-3")).as("not before 02:30").isEmpty());
      clock.advance(Duration.ofMinutes(2));
      await().atMost(Duration.ofSeconds(30)).until(() -> blades.archives("blade-3").size() == 1);
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(blades.archives("blade-3")).as("once, not on every tick").hasSize(1));
    }
  }
}
