package dci.app.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.node.NodeProcesses;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Fail-over after sudden death, with real {@code dci node} processes killed by SIGKILL: four
 * blades plus two spares. {@code u1}'s desk is on blade-2, kept current on a spare by the
 * mirror method (Fig. 7); {@code u2}'s is on blade-3, restored from its last backup archive on
 * the peers (Fig. 8) while the coordinator's own blade is killed mid-way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverKillProcessTest {
  private static final Set<String> SPARES = Set.of("blade-5", "blade-6");
  private NodeProcesses blades;
  private Path dir;

  @BeforeAll
  void startFourBladesAndTwoSpares() throws Exception {
    dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "failover-kill-");
    Path conf = dir.resolve("failover.conf");
    Files.writeString(conf, """
        dci.failover.methods { blade-3 = from-backup }
        dci.backup.mirror-lag = 300ms
        dci.backup.tick = 300ms
        """);
    blades = new NodeProcesses(dir);
    for (int k = 1; k <= 6; k++) {
      List<String> flags = new ArrayList<>(List.of("--config", conf.toString()));
      if (k >= 5) {
        flags.addAll(List.of("--role", "spare"));
      }
      blades.startAndAwait("blade-" + k, 90, flags.toArray(String[]::new));
    }
    blades.awaitAllUp("blade-1", 120);
  }

  @AfterAll
  void stopAll() throws Exception {
    blades.close();
    blades.deleteData(); // the blades' logs stay under target/ for a look after a failure
  }

  @Test
  @Order(1)
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void sigkillWithTheMirrorMethodBringsTheDeskBackOnTheSpareWithEveryFileWrittenBeforeTheKill() throws Exception {
    blades.ok("blade-1", "PUT", "/api/ports/u1", Map.of("blade", "blade-2"));
    blades.ok("blade-1", "PUT", "/api/backup/config", Map.of("blade", "blade-2", "method", "mirror", "replicas", 2));
    for (int i = 1; i <= 20; i++) {
      JsonNode r = desk("blade-1", "u1", "echo line-" + i + " >> notes.txt");
      assertThat(r.get("blade").asText()).as("u1's desk runs on blade-2").isEqualTo("blade-2");
      assertThat(r.get("exitCode").asInt()).isZero();
    }
    // the mirror's lag (dci.backup.mirror-lag 300 ms here) and one run: every line is in an archive
    long twenty = notesSize(20);
    blades.await("all 20 lines of u1's notes in blade-2's mirror", 30,
        () -> archivedNotes("blade-1", "blade-2") == twenty);

    blades.kill("blade-2");
    long killed = System.nanoTime();
    JsonNode back = awaitDesk("blade-1", "u1", "cat notes.txt", 60);
    long ms = (System.nanoTime() - killed) / 1_000_000;
    System.out.printf("FailoverKillProcessTest: u1's desk back on %s %d ms after SIGKILL of blade-2%n",
        back.get("blade").asText(), ms);

    assertThat(back.get("blade").asText()).as("u1's desk runs on a spare").isIn(SPARES);
    List<String> lines = back.get("stdout").asText().lines().toList();
    assertThat(lines).as("every line written before the kill").hasSize(20)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "line-" + i).toList());

    JsonNode record = record("blade-2");
    assertThat(record.get("method").asText()).as("a dead blade whose mirror the spare holds: Fig. 7").isEqualTo("pre_copied");
    assertThat(record.get("replacement").asText()).isEqualTo(back.get("blade").asText());
    assertThat(record.get("users")).extracting(JsonNode::asText).containsExactly("u1");
    assertThat(portOf("u1")).isEqualTo(back.get("blade").asText());
    List<String> steps = new ArrayList<>();
    record.get("steps").forEach(s -> steps.add(s.get("what").asText()));
    assertThat(steps.get(0)).startsWith("detected:");
    assertThat(steps).anyMatch(s -> s.startsWith("decided: " + back.get("blade").asText() + " replaces blade-2"))
        .anyMatch(s -> s.startsWith("switched the ports of u1"));
    // every step is in the message log, with its time
    JsonNode log = blades.ok("blade-1", "GET", "/api/log?app=" + FailoverJournal.APP_TYPE, null).get("entries");
    assertThat(log.toString()).contains(record.get("id").asText()).contains("detected").contains("switched");
    // the spare now serves, and the failed blade's return would not take u1 back: the port stays
    JsonNode spares = blades.ok("blade-1", "GET", "/api/spares", null);
    for (JsonNode s : spares) {
      if (s.get("blade").asText().equals(back.get("blade").asText())) {
        assertThat(s.get("free").asBoolean()).as("the replacement is no longer a free spare").isFalse();
      }
    }
  }

  @Test
  @Order(2)
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void fromBackupRestoresUpToTheLastArchiveAndCompletesWhenTheCoordinatorsBladeIsKilledMidWay() throws Exception {
    String spareLeft = firstFreeSpare();
    blades.ok("blade-1", "PUT", "/api/ports/u2", Map.of("blade", "blade-3"));
    blades.ok("blade-1", "PUT", "/api/backup/config", Map.of("blade", "blade-3", "method", "snapshot", "replicas", 2,
        "peers", List.of("blade-4", "blade-1")));
    // enough data that restoring it takes a while: the coordinator dies during the restore
    assertThat(desk("blade-1", "u2", "head -c 120000000 /dev/urandom > big.bin && echo kept > kept.txt")
        .get("exitCode").asInt()).isZero();
    for (int i = 1; i <= 5; i++) {
      desk("blade-1", "u2", "echo file-" + i + " > f" + i + ".txt");
    }
    String sum = desk("blade-1", "u2", "sha256sum big.bin").get("stdout").asText().split(" ")[0];
    JsonNode job = blades.ok("blade-1", "POST", "/api/backup/run", Map.of("blade", "blade-3"));
    blades.await("blade-3's backup run", 120, () -> !"running".equals(blades.ok("blade-1", "GET",
        "/api/backup/jobs/" + job.get("id").asText() + "?blade=blade-3", null).get("state").asText()));
    desk("blade-1", "u2", "echo after-the-archive > late.txt");

    blades.kill("blade-3");
    // wait until the coordinator (blade-1) is mid-way, then kill it too
    blades.await("the fail-over of blade-3 under way", 60, () -> {
      JsonNode st = blades.ok("blade-4", "GET", "/api/failover/status", null);
      for (JsonNode r : st.get("active")) {
        if (r.get("failed").asText().equals("blade-3") && Set.of("restoring", "switching").contains(r.get("state").asText())) {
          return true;
        }
      }
      return false;
    });
    blades.kill("blade-1");

    blades.await("the fail-over of blade-3 done after blade-1 died", 120, () -> {
      JsonNode r = recordOrNull("blade-4", "blade-3");
      return r != null && r.get("state").asText().equals("done");
    });
    JsonNode record = recordOrNull("blade-4", "blade-3");
    assertThat(record.get("method").asText()).isEqualTo("from_backup");
    assertThat(record.get("replacement").asText()).isEqualTo(spareLeft);
    assertThat(record.get("steps").toString()).as("another blade carried on after blade-1 died")
        .contains("coordinator blade-1 is gone");
    assertThat(record.get("coordinator").asText()).isNotEqualTo("blade-1");

    JsonNode ls = awaitDesk("blade-4", "u2", "sha256sum big.bin; cat kept.txt f1.txt f5.txt; ls", 60);
    assertThat(ls.get("blade").asText()).isEqualTo(spareLeft);
    String out = ls.get("stdout").asText();
    assertThat(out).as("the big file restored byte for byte").startsWith(sum);
    assertThat(out).contains("kept", "file-1", "file-5");
    assertThat(out).as("a file written after the last archive is not in it").doesNotContain("late.txt");
  }

  @Test
  @Order(3)
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void withNoFreeSpareTheFailOverFailsAndIsTriedAgainOnceAnOperatorAddsASpare() throws Exception {
    String u1Blade = portOf("u1");
    assertThat(firstFreeSpareOrNull()).as("both spares are in service").isNull();
    blades.ok("blade-4", "PUT", "/api/backup/config", Map.of("blade", u1Blade, "method", "mirror", "replicas", 1,
        "peers", List.of("blade-4")));
    desk("blade-4", "u1", "echo line-21 >> notes.txt");
    blades.await("the mirror of " + u1Blade + " on blade-4", 60, () -> blades.ok("blade-4", "GET",
        "/api/backup/archives?blade=" + u1Blade, null).size() > 0);
    long all = notesSize(21);
    blades.await("line-21 in the mirror of " + u1Blade, 30, () -> archivedNotes("blade-4", u1Blade) == all);

    blades.kill(u1Blade);
    blades.await("a failed fail-over of " + u1Blade + " for want of a spare", 60, () -> {
      JsonNode r = recordOrNull("blade-4", u1Blade);
      return r != null && r.get("state").asText().equals("failed");
    });
    assertThat(recordOrNull("blade-4", u1Blade).get("steps").toString()).contains("no free spare");

    blades.ok("blade-4", "POST", "/api/spares", Map.of("blade", "blade-4"));
    JsonNode back = awaitDesk("blade-4", "u1", "cat notes.txt", 60);
    assertThat(back.get("blade").asText()).as("the spare the operator added").isEqualTo("blade-4");
    assertThat(back.get("stdout").asText().lines().toList()).hasSize(21).endsWith("line-21");
    long attempts = 0;
    for (JsonNode r : blades.ok("blade-4", "GET", "/api/failover/history", null)) {
      if (r.get("failed").asText().equals(u1Blade)) {
        attempts++;
      }
    }
    assertThat(attempts).as("a failed attempt, then one that moved u1").isGreaterThanOrEqualTo(2);
  }

  // ---- helpers

  /** Bytes of u1's notes.txt holding lines line-1 … line-n. */
  private static long notesSize(int n) {
    return java.util.stream.IntStream.rangeClosed(1, n).mapToLong(i -> ("line-" + i + "\n").length()).sum();
  }

  /** The size of u1's notes.txt in the newest of {@code blade}'s archives holding it (asked via {@code via}), or -1. */
  private long archivedNotes(String via, String blade) {
    JsonNode rows = blades.ok(via, "GET", "/api/backup/archives?blade=" + blade, null);
    for (int i = rows.size() - 1; i >= 0; i--) {
      JsonNode view = blades.ok(via, "GET", "/api/backup/archives/" + rows.get(i).get("id").asText()
          + "?blade=" + blade, null);
      for (JsonNode f : view.get("files")) {
        if (f.get("path").asText().equals("u1/notes.txt")) {
          return f.get("size").asLong();
        }
      }
    }
    return -1;
  }

  private JsonNode desk(String via, String user, String script) {
    return blades.ok(via, "POST", "/api/desk/" + user + "/exec", Map.of("argv", List.of("sh", "-c", script)));
  }

  /** Retries the desk command until it answers 200 with exit status 0. */
  private JsonNode awaitDesk(String via, String user, String script, int seconds) {
    JsonNode[] got = {null};
    blades.await(user + "'s desk to answer on a replacement", seconds, () -> {
      HttpResponse<String> r = blades.call(via, "POST", "/api/desk/" + user + "/exec",
          Map.of("argv", List.of("sh", "-c", script)));
      if (NodeProcesses.status(r) == 200 && NodeProcesses.json(r).get("exitCode").asInt() == 0) {
        got[0] = NodeProcesses.json(r);
        return true;
      }
      return false;
    });
    return got[0];
  }

  private JsonNode record(String failed) {
    blades.await("a finished fail-over record of " + failed, 60, () -> {
      JsonNode r = recordOrNull("blade-1", failed);
      return r != null && r.get("state").asText().equals("done");
    });
    return recordOrNull("blade-1", failed);
  }

  private JsonNode recordOrNull(String via, String failed) {
    for (JsonNode r : blades.ok(via, "GET", "/api/failover/history", null)) {
      if (r.get("failed").asText().equals(failed)) {
        return r;
      }
    }
    return null;
  }

  /** The spare the plan picks when none holds the failed blade's backup: the first free one by name. */
  private String firstFreeSpare() {
    String s = firstFreeSpareOrNull();
    if (s == null) {
      throw new AssertionError("no free spare left");
    }
    return s;
  }

  private String firstFreeSpareOrNull() {
    String via = blades.alive("blade-1") ? "blade-1" : "blade-4";
    for (JsonNode s : blades.ok(via, "GET", "/api/spares", null)) {
      if (s.get("free").asBoolean()) {
        return s.get("blade").asText();
      }
    }
    return null;
  }

  private String portOf(String user) {
    String via = blades.alive("blade-1") ? "blade-1" : "blade-4";
    for (JsonNode p : blades.ok(via, "GET", "/api/ports", null)) {
      if (p.get("user").asText().equals(user)) {
        return p.get("blade").asText();
      }
    }
    return null;
  }
}
