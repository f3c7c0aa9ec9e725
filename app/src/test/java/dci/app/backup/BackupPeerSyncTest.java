package dci.app.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

  private static List<String> held(BackupBlades blades, int k, String source) {
    try {
      return blades.blade(k).backup().store().catalogs().list(source).stream().map(Archive::id).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aPeerDownDuringTwoIncrementalsCatchesUpByPeersyncAndMirrorAndScheduleRunByThemselves() throws IOException {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T02:29:00Z"));
    try (BackupBlades blades = new BackupBlades(3, clock)) {
      Path root = blades.dir.resolve("src");
      Files.createDirectories(root);
      Files.writeString(root.resolve("one.txt"), "first");
      blades.configure("blade-1", Map.of("root", root.toString()));
      String a = blades.run("blade-1");
      assertThat(held(blades, 2, "blade-1")).containsExactly(a);
      assertThat(held(blades, 3, "blade-1")).containsExactly(a);

      // blade-3 dies; two incrementals reach blade-2 only
      blades.crash(3);
      Files.writeString(root.resolve("two.txt"), "second");
      String b = blades.run("blade-1");
      Files.writeString(root.resolve("three.txt"), "third".repeat(1000));
      String c = blades.run("blade-1");
      assertThat(held(blades, 2, "blade-1")).containsExactly(a, b, c);

      // it comes back and pulls what it missed from blade-2
      blades.restart(3);
      blades.awaitUp(3);
      BackupBlades.await(() -> held(blades, 3, "blade-1").size() == 3, 30);
      assertThat(held(blades, 3, "blade-1")).containsExactly(a, b, c);
      JsonNode check = blades.result("/api/backup/check", Map.of("blade", "blade-1", "readData", true));
      assertThat(check.get("ok").asBoolean()).as(check.toString()).isTrue();

      // mirror: a change reaches the peers by itself, within the lag (300 ms) plus sending
      Path mroot = blades.dir.resolve("mirror");
      Files.createDirectories(mroot);
      blades.configure("blade-2", Map.of("root", mroot.toString(), "method", "mirror"));
      BackupBlades.sleep(1500);
      long t0 = System.currentTimeMillis();
      Files.writeString(mroot.resolve("note.txt"), "written at the desk");
      BackupBlades.await(() -> {
        JsonNode list = blades.archives("blade-2");
        for (JsonNode arch : list) {
          JsonNode shown = blades.call("GET", "/api/backup/archives/" + arch.get("id").asText() + "?blade=blade-2", null);
          for (JsonNode f : shown.get("files")) {
            if (f.get("path").asText().equals("note.txt")) {
              return true;
            }
          }
        }
        return false;
      }, 10);
      assertThat(System.currentTimeMillis() - t0).as("mirror lag").isLessThan(5000);
      assertThat(blades.archives("blade-2").get(0).get("method").asText()).isEqualTo("mirror");

      // schedule: "daily 02:30" fires when the clock passes 02:30, not before
      Path sroot = blades.dir.resolve("sched");
      Files.createDirectories(sroot);
      Files.writeString(sroot.resolve("s.txt"), "scheduled");
      blades.configure("blade-3", Map.of("root", sroot.toString(), "schedule", "daily 02:30"));
      BackupBlades.sleep(1000);
      assertThat(blades.archives("blade-3")).isEmpty();
      clock.advance(Duration.ofMinutes(2));
      BackupBlades.await(() -> blades.archives("blade-3").size() == 1, 15);
      BackupBlades.sleep(1000);
      assertThat(blades.archives("blade-3")).as("once, not on every tick").hasSize(1);
    }
  }
}
