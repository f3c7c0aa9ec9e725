package dci.app.aims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.Http;
import dci.app.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AIMS on three in-JVM blades: a policy set through one blade is checked on all (a package the
 * host lacks, a module blade-3's kernel table lists); a line written with {@code logger} to
 * blade-2's syslog socket is found from blade-1; an alert rule raises and clears, logged; an
 * EICAR file PUT to the VNAS is quarantined on the blade it came through, gone from the volume,
 * and alerted, while a clean file stays.
 */
class AimsClusterTest {
  static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
  static TestCluster cluster;
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("aims-test");
    Files.createDirectories(dir.resolve("proc3"));
    Files.writeString(dir.resolve("proc3/modules"), "usb_storage 81920 1 uas, Live 0x0\next4 999424 2 - Live 0x0\n");
    cluster = TestCluster.blades(3).config("""
        dci.body.sample-interval = 200ms
        dci.body.quiet-interval = 200ms
        dci.aims.scan.vnas = on
        """).config(2, "dci.aims.syslog.listen = \"" + dir.resolve("b2.sock") + "\"")
        .config(3, "dci.aims.proc-root = \"" + dir.resolve("proc3") + "\"\ndci.aims.scan.vnas = off").start();
    cluster.awaitApis();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aPolicySetThroughOneBladeIsCheckedOnEveryBlade() {
    Http.Reply set = cluster.send(1, "PUT", "/api/aims/policy", """
        packages:
          require:
            - {name: dci-no-such-package-xyz, version: ">= 1.0"}
            - {name: dpkg}
        modules:
          forbid: [{name: usb-storage}]
        """);
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    Http.Reply typo = cluster.send(1, "PUT", "/api/aims/policy", "packages: {requier: []}");
    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.text()).contains("unknown key 'requier'");

    JsonNode report = cluster.call(2, "GET", "/api/aims/check?on=all", null);
    Map<String, List<String>> byBlade = new java.util.TreeMap<>();
    report.get("blades").forEach(b -> {
      assertThat(b.get("error").isNull()).as(b.toString()).isTrue();
      List<String> subjects = new ArrayList<>();
      b.get("violations").forEach(v -> subjects.add(v.get("kind").asText() + " " + v.get("subject").asText()));
      byBlade.put(b.get("blade").asText(), subjects);
    });
    assertThat(byBlade).containsOnlyKeys("blade-1", "blade-2", "blade-3");
    byBlade.values().forEach(v -> assertThat(v).contains("package dci-no-such-package-xyz")
        .doesNotContain("package dpkg").as("the typo'd policy was not stored"));
    assertThat(byBlade.get("blade-3")).contains("module usb-storage");

    JsonNode one = cluster.call(1, "GET", "/api/aims/check?on=blade-3", null);
    assertThat(one.get("blades")).hasSize(1);
    assertThat(cluster.send(1, "GET", "/api/aims/check?on=blade-9", null).status()).isEqualTo(400);
  }

  @Test
  void aLineLoggedOnOneBladeIsFoundFromAnother() throws Exception {
    String tag = "aims-test-" + ProcessHandle.current().pid();
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dir.resolve("b2.sock")));
    Process p = new ProcessBuilder("logger", "-u", dir.resolve("b2.sock").toString(), "-t", tag, "disk almost full")
        .start();
    assertThat(p.waitFor()).isZero();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      JsonNode r = cluster.call(1, "GET", "/api/aims/logs?on=all&since=10m&grep=" + tag, null);
      assertThat(r.get("lines")).singleElement().satisfies(l -> {
        assertThat(l.get("blade").asText()).isEqualTo("blade-2");
        assertThat(l.get("unit").asText()).isEqualTo(tag);
        assertThat(l.get("text").asText()).isEqualTo("disk almost full");
      });
    });
    assertThat(cluster.send(1, "GET", "/api/aims/logs?grep=(unclosed", null).status()).isEqualTo(400);

    Http.Reply streamed = cluster.send(3, "GET", "/api/aims/logs?on=all&since=10m&stream=true&grep=" + tag, null);
    assertThat(streamed.contentType()).contains("x-ndjson");
    List<String> lines = streamed.text().lines().toList();
    assertThat(lines).as("one line of blade-2's, then each blade's end").hasSize(4);
    assertThat(lines).filteredOn(l -> l.contains("disk almost full")).singleElement()
        .satisfies(l -> assertThat(l).contains("\"blade\":\"blade-2\""));
    assertThat(lines).filteredOn(l -> l.contains("\"done\":true")).hasSize(3);
  }

  @Test
  void aRuleRaisesAnAlertOnEveryBladeAndClearsWhenChanged() throws Exception {
    List<String> posted = java.util.Collections.synchronizedList(new ArrayList<>());
    com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/hook", x -> {
      posted.add(new String(x.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      x.sendResponseHeaders(204, -1);
      x.close();
    });
    hook.start();
    Path commanded = dir.resolve("alert-command.jsonl");
    Map<String, Object> rule = new java.util.HashMap<>(Map.of("name", "mem-any", "metric", "memory", "test", "over",
        "limit", 0, "forSamples", 2, "webhook", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook",
        "command", "cat >> " + commanded + "; echo >> " + commanded));
    cluster.call(1, "POST", "/api/aims/alert-rules", rule);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode alerts = cluster.call(3, "GET", "/api/aims/alerts", null);
      List<String> blades = new ArrayList<>();
      alerts.forEach(a -> {
        if (a.get("rule").asText().equals("mem-any")) {
          blades.add(a.get("blade").asText());
        }
      });
      assertThat(blades).containsExactlyInAnyOrder("blade-1", "blade-2", "blade-3");
    });
    rule.put("limit", 101);
    cluster.call(2, "POST", "/api/aims/alert-rules", rule);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(cluster.call(1, "GET", "/api/aims/alerts", null).findValuesAsText("rule")).doesNotContain("mem-any"));
    JsonNode log = cluster.call(1, "GET", "/api/log?app=aims-alert&limit=100", null);
    assertThat(log.toString()).contains("raised").contains("cleared").contains("rule changed");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(posted).as("each blade's raise and clear, POSTed").hasSizeGreaterThanOrEqualTo(6)
          .anySatisfy(p -> assertThat(p).contains("\"state\":\"raised\"").contains("\"rule\":\"mem-any\""))
          .anySatisfy(p -> assertThat(p).contains("\"state\":\"cleared\""));
      assertThat(Files.readAllLines(commanded)).as("and given to the command on stdin").hasSizeGreaterThanOrEqualTo(6)
          .anySatisfy(l -> assertThat(l).contains("\"state\":\"raised\""));
    });
    hook.stop(0);
    Http.Reply bad = cluster.send(1, "POST", "/api/aims/alert-rules", Map.of("name", "x", "metric", "nope",
        "test", "over", "limit", 1));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).contains("unknown metric");
  }

  @Test
  void anInfectedFileWrittenToTheVnasIsQuarantinedAndAlertedAndACleanOneStays() throws Exception {
    assertThat(put(1, "/vnas/clean.txt", "just text")).isEqualTo(201);
    assertThat(put(1, "/vnas/eicar.com", EICAR)).isEqualTo(201);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(get(2, "/vnas/eicar.com")).isEqualTo(404));
    assertThat(get(3, "/vnas/clean.txt")).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      JsonNode alerts = cluster.call(2, "GET", "/api/aims/alerts", null);
      assertThat(alerts.toString()).contains("infection").contains("/eicar.com").contains("Eicar-Test-Signature");
    });
    JsonNode q = cluster.call(3, "GET", "/api/aims/quarantine?on=blade-1", null);
    JsonNode kept = q.get(0).get("files").get(0);
    assertThat(kept.get("path").asText()).isEqualTo("/eicar.com");
    assertThat(kept.get("size").asLong()).isEqualTo(EICAR.length());
    Path copy = cluster.dataDir(1).resolve("aims/quarantine").resolve(kept.get("id").asText());
    assertThat(Files.readString(copy)).isEqualTo(EICAR);
  }

  @Test
  void aSweepFindsWhatWasWrittenUnscannedAndAHomeScanQuarantinesOnItsBlade() throws Exception {
    assertThat(put(3, "/vnas/unscanned.com", EICAR)).as("blade-3 does not scan on write").isEqualTo(201);
    assertThat(get(1, "/vnas/unscanned.com")).isEqualTo(200);
    Path home = cluster.dataDir(3).resolve("home/alice");
    Files.createDirectories(home);
    Files.writeString(home.resolve("game.com"), EICAR);
    Files.writeString(home.resolve("notes.txt"), "clean");

    JsonNode reports = cluster.call(1, "POST", "/api/aims/scan", Map.of("on", "blade-3", "vnas", "/"));
    Map<String, JsonNode> byWhat = new java.util.HashMap<>();
    reports.forEach(r -> byWhat.put(r.get("what").asText(), r));
    assertThat(byWhat.get("homes").get("blade").asText()).isEqualTo("blade-3");
    assertThat(byWhat.get("homes").get("infected")).singleElement()
        .satisfies(q -> assertThat(q.get("path").asText()).isEqualTo("home:alice/game.com"));
    assertThat(home.resolve("game.com")).doesNotExist();
    assertThat(home.resolve("notes.txt")).exists();
    assertThat(byWhat.get("vnas /").get("queued").asInt()).isGreaterThanOrEqualTo(1);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get(2, "/vnas/unscanned.com")).isEqualTo(404));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(cluster.call(2, "GET", "/api/aims/alerts",
        null).toString()).contains("home:alice/game.com").contains("/unscanned.com"));
  }

  @Test
  void theFailoversHealthLevelsAreShownAndRetunedForEveryBlade() {
    JsonNode shown = cluster.call(2, "GET", "/api/aims/health-rules", null);
    assertThat(shown.get("source").asText()).isEqualTo("config");
    assertThat(shown.get("temperatureWarning").asDouble()).isEqualTo(75);
    cluster.call(1, "POST", "/api/faults", Map.of("blade", "blade-2", "fault", "temperature=60"));
    try {
      JsonNode set = cluster.call(1, "PUT", "/api/aims/health-rules", Map.of("temperatureWarning", 50));
      assertThat(set.get("source").asText()).isEqualTo("cluster");
      assertThat(set.get("temperatureLimit").asDouble()).as("the rest kept").isEqualTo(90);
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        JsonNode m = cluster.call(3, "GET", "/api/metrics?blade=blade-2", null);
        assertThat(m.toString()).contains("warning").contains("is over 50.0 C");
      });
      cluster.call(1, "DELETE", "/api/aims/health-rules", null);
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        JsonNode m = cluster.call(3, "GET", "/api/metrics?blade=blade-2", null);
        assertThat(m.toString()).doesNotContain("over 50.0 C").contains("\"ok\"");
      });
      assertThat(cluster.send(1, "PUT", "/api/aims/health-rules", Map.of("temperatureWarning", 95)).text())
          .contains("warning <= limit");
    } finally {
      cluster.call(1, "DELETE", "/api/faults?blade=blade-2", null);
    }
  }

  private static int put(int k, String path, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.url(k) + path))
        .header("Authorization", cluster.basicAuth()).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static int get(int k, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.url(k) + path))
        .header("Authorization", cluster.basicAuth()).GET().build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
