package dci.app.aims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.Http;
import dci.app.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AIMS's operations on three in-JVM blades: a service started, checked against the policy and
 * stopped through one blade on another (a real LSB init script in blade-2's init folder); an
 * audit that finds a world-writable file and a failed login; patches with the host's apt-get,
 * simulated everywhere, rolled out blade by blade where nothing needs changing, and stopped at
 * the first blade that fails.
 */
class AimsOpsClusterTest {
  static TestCluster cluster;
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("aims-ops");
    Path init = Files.createDirectories(dir.resolve("init"));
    Path pid = dir.resolve("demo.pid");
    Files.writeString(init.resolve("demo"), """
        #!/bin/sh
        PIDFILE=%s
        case "$1" in
          start) sleep 600 >/dev/null 2>&1 & echo $! > "$PIDFILE"; echo "demo started" ;;
          stop) [ -f "$PIDFILE" ] && kill "$(cat "$PIDFILE")" 2>/dev/null; rm -f "$PIDFILE"; echo "demo stopped" ;;
          status) [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && { echo running; exit 0; }; echo stopped; exit 3 ;;
          *) echo "usage: $0 start|stop|status"; exit 2 ;;
        esac
        """.formatted(pid));
    Files.setPosixFilePermissions(init.resolve("demo"), PosixFilePermissions.fromString("rwxr-xr-x"));
    cluster = TestCluster.blades(3).config("""
        dci.body.sample-interval = 200ms
        dci.body.quiet-interval = 200ms
        """).config(2, "dci.aims.init-dir = \"" + init + "\"").start();
    cluster.awaitApis();
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.send(1, "POST", "/api/aims/services", Map.of("action", "stop", "name", "demo", "on", "blade-2"));
      cluster.close();
    }
  }

  private static Map<String, JsonNode> byBlade(JsonNode rows) {
    Map<String, JsonNode> out = new HashMap<>();
    rows.forEach(r -> out.put(r.get("blade").asText(), r));
    return out;
  }

  @Test
  void aServiceIsStartedCheckedAndStoppedOnAnotherBlade() {
    JsonNode started = cluster.call(1, "POST", "/api/aims/services", Map.of("action", "start", "name", "demo",
        "on", "blade-2"));
    assertThat(started).singleElement().satisfies(r -> {
      assertThat(r.get("ok").asBoolean()).as(r.toString()).isTrue();
      assertThat(r.get("state").asText()).isEqualTo("running");
      assertThat(r.get("manager").asText()).isEqualTo("init");
    });
    Map<String, JsonNode> status = byBlade(cluster.call(3, "POST", "/api/aims/services", Map.of("action", "status",
        "name", "demo", "on", "all")));
    assertThat(status.get("blade-2").get("state").asText()).isEqualTo("running");
    assertThat(status.get("blade-1").get("ok").asBoolean()).as("no such service there").isFalse();
    assertThat(status.get("blade-1").get("state").asText()).isEqualTo("absent");

    cluster.call(1, "PUT", "/api/aims/policy", "services: {running: [demo]}\n");
    assertThat(cluster.call(1, "GET", "/api/aims/check?on=blade-2", null).get("blades").get(0).get("violations"))
        .isEmpty();
    JsonNode stopped = cluster.call(1, "POST", "/api/aims/services", Map.of("action", "stop", "name", "demo",
        "on", "blade-2"));
    assertThat(stopped.get(0).get("state").asText()).isEqualTo("stopped");
    assertThat(cluster.call(1, "GET", "/api/aims/check?on=blade-2", null).get("blades").get(0).get("violations")
        .get(0).get("found").asText()).isEqualTo("stopped");

    assertThat(cluster.send(1, "POST", "/api/aims/services", Map.of("action", "start", "name", "../../bin/sh"))
        .status()).isEqualTo(400);
  }

  @Test
  void anAuditFindsAWorldWritableFileAndAFailedLogin() throws Exception {
    Path open = cluster.dataDir(1).resolve("left-open.txt");
    Files.writeString(open, "anyone may write me");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-rw-rw-"));
    Http.Reply bad = cluster.send(1, "POST", "/api/login", Map.of("user", "admin", "password", "wrong-password"), null);
    assertThat(bad.status()).isEqualTo(401);

    JsonNode rows = cluster.call(2, "GET", "/api/aims/audit?on=blade-1,blade-3", null);
    Map<String, JsonNode> audit = byBlade(rows);
    assertThat(audit).containsOnlyKeys("blade-1", "blade-3");
    JsonNode one = audit.get("blade-1").get("report");
    assertThat(one.get("worldWritable").toString()).contains(open.toString());
    assertThat(one.get("failedLogins").get(0).get("user").asText()).isEqualTo("admin");
    assertThat(one.get("loginAccounts").toString()).contains("\"root\"");
    assertThat(audit.get("blade-3").get("report").get("failedLogins")).as("blade-3 saw no failed login").isEmpty();
  }

  @Test
  void patchesAreSimulatedEverywhereAndRolledOutBladeByBladeStoppingAtTheFirstFailure() throws Exception {
    // a package this host has at its newest: a real upgrade of it changes nothing
    String upgradable = new String(new ProcessBuilder("apt-get", "-s", "-o", "Debug::NoLocking=1", "upgrade").start()
        .getInputStream().readAllBytes());
    Set<String> waiting = upgradable.lines().filter(l -> l.startsWith("Inst ")).map(l -> l.split(" ")[1])
        .collect(Collectors.toSet());
    String newest = List.of("dpkg", "tar", "gzip", "grep", "sed", "debianutils", "hostname").stream()
        .filter(p -> !waiting.contains(p)).findFirst().orElseThrow();

    JsonNode dry = cluster.call(1, "POST", "/api/aims/patch", Map.of("on", "all", "dryRun", true));
    assertThat(dry.get("done").asBoolean()).isTrue();
    assertThat(dry.get("blades")).hasSize(3).allSatisfy(b -> {
      assertThat(b.get("state").asText()).isEqualTo("done");
      assertThat(b.get("upgrades")).hasSize(waiting.size());
    });

    JsonNode ok = rollout(Map.of("on", "all", "dryRun", false, "packages", List.of(newest)));
    assertThat(ok.get("ok").asBoolean()).as(ok.toString()).isTrue();
    assertThat(ok.get("blades")).allSatisfy(b -> assertThat(b.get("health").asText()).startsWith("ok"));

    JsonNode failed = rollout(Map.of("on", "blade-2,blade-1,blade-3", "dryRun", false,
        "packages", List.of("dci-no-such-package")));
    assertThat(failed.get("blades")).extracting(b -> b.get("blade").asText() + " " + b.get("state").asText())
        .containsExactly("blade-2 failed", "blade-1 skipped", "blade-3 skipped");
    assertThat(failed.get("blades").get(0).get("output").asText()).contains("dci-no-such-package");
    JsonNode noDci = rollout(Map.of("on", "blade-3,blade-1", "dryRun", false, "dciPackage", "dci-no-such"));
    assertThat(noDci.get("blades")).extracting(b -> b.get("blade").asText() + " " + b.get("state").asText())
        .as("the blade's installer refuses a package nobody published; the rollout stops")
        .containsExactly("blade-3 failed", "blade-1 skipped");
    String step = failed.get("blades").get(0).get("envelope").asText();
    JsonNode log = cluster.call(2, "GET", "/api/log?app=dci.aims&limit=50", null);
    assertThat(log.toString()).as("the step is in the target's message log").contains(step);
  }

  @Test
  void aRecordedTaskIsPlayedOnChosenBladesWithAReportForEach() throws Exception {
    for (String word : List.of("one", "two", "three")) {
      cluster.call(1, "POST", "/api/envelopes?wait=5s", Map.of("appType", "echo",
          "to", Map.of("mode", "BLADE", "blades", List.of("blade-1")), "payload", "task-" + word));
    }
    String task = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(cluster.url(1) + "/api/log?app=echo&format=xml&limit=100&direction=SENT"))
        .header("Authorization", "Bearer " + cluster.token()).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    assertThat(task).contains("task-one").contains("task-three");
    int sent = task.split("<envelope", -1).length - 1;

    Http.Reply played = cluster.send(2, "POST", "/api/aims/playback?on=blade-2,blade-3&wait=5s", task);
    assertThat(played.status()).as(played.text()).isEqualTo(200);
    assertThat(played.json()).hasSize(2).allSatisfy(r -> {
      assertThat(r.get("sent").asInt()).isEqualTo(sent);
      assertThat(r.get("answered").asInt()).isEqualTo(sent);
      assertThat(r.get("ok").asBoolean()).isTrue();
    });
    JsonNode log3 = cluster.call(3, "GET", "/api/log?app=echo&limit=100", null);
    assertThat(log3.toString()).as("played on blade-3, and logged there").contains("task-two");

    String unknown = task.replace(">echo<", ">no-such-app<");
    JsonNode bad = cluster.send(1, "POST", "/api/aims/playback?on=blade-1&wait=5s", unknown).json();
    assertThat(bad.get(0).get("undeliverable").asInt()).isEqualTo(sent);
    assertThat(bad.get(0).get("ok").asBoolean()).isFalse();
    assertThat(cluster.send(1, "POST", "/api/aims/playback?on=blade-1", "<log><nope/></log>").status())
        .isEqualTo(400);
  }

  private static JsonNode rollout(Map<String, Object> request) {
    Http.Reply started = cluster.send(1, "POST", "/api/aims/patch", request);
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    String id = started.json().get("id").asText();
    JsonNode[] job = new JsonNode[1];
    await().atMost(Duration.ofMinutes(3)).until(() -> {
      job[0] = cluster.call(1, "GET", "/api/aims/patch/jobs/" + id, null);
      return job[0].get("done").asBoolean();
    });
    return job[0];
  }
}
