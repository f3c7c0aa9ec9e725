package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dci.app.CageExtension;
import dci.app.Http;
import dci.app.TestCluster;
import dci.app.cli.CliRun.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles mean what they say in the message log: after an admin's {@code dci broadcast -- echo
 * SECRET-OUTPUT-4711} (a real exec on every blade), a viewer reading any blade's log (page,
 * JSON or XML export, {@code dci log --blade}) never sees the command or its output, while an
 * operator and an admin do, and the viewer still sees that the exec envelopes were there.
 */
@ExtendWith(CageExtension.class)
class ViewerLogRedactionTest {
  private static final String SECRET = "SECRET-OUTPUT-4711";
  private static TestCluster cage;
  private static String admin;
  private static String viewer;
  private static String operator;
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();

  @BeforeAll
  static void users(TestCluster shared) {
    cage = shared;
    admin = Http.login(cage.url(1), "admin", cage.adminPassword());
    for (String role : new String[] {"viewer", "operator"}) {
      Http.Reply r = Http.post(cage.url(1) + "/api/users", admin,
          "{\"user\":\"redact-" + role + "\",\"password\":\"redact-" + role + "-pass\",\"role\":\"" + role + "\"}");
      assertThat(r.status()).as(r.text()).isIn(200, 201);
    }
    viewer = Http.login(cage.url(1), "redact-viewer", "redact-viewer-pass");
    operator = Http.login(cage.url(1), "redact-operator", "redact-operator-pass");
  }

  @BeforeEach
  void adminBroadcastsASecret() {
    env.put("XDG_CONFIG_HOME", home.toString());
    env.put("DCI_URL", cage.url(1));
    env.put("DCI_TOKEN", admin);
    Run r = CliRun.dci(env, "broadcast", "--", "echo", SECRET);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).as("the admin ran it and sees its output").contains(SECRET);
    // the replies reach blade-1's log a moment after the CLI has them
    await().atMost(Duration.ofSeconds(20)).until(() -> log(1, "/api/log?limit=200&app=api", admin).contains(SECRET));
  }

  /** The whole answer (a JSON or XML document that ends: a failed stream would end short). */
  private static String log(int blade, String pathAndQuery, String token) {
    Http.Reply r = Http.get(cage.url(blade) + pathAndQuery, token);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    if (pathAndQuery.contains("format=xml")) {
      assertThat(r.text()).startsWith("<log").endsWith("</log>\n");
    } else {
      assertThat(r.json()).as("a whole JSON document").isNotNull();
      assertThat(r.json().get("entries").isArray()).isTrue();
    }
    return r.text();
  }

  @Test
  void aViewerReadsTheLogWithoutTheCommandOrItsOutputAnAdminAndAnOperatorWithThem() {
    assertThat(log(1, "/api/log?limit=200", viewer)).doesNotContain(SECRET).contains("\"redacted\":true");
    assertThat(log(1, "/api/log?limit=200", admin)).contains(SECRET);
    assertThat(log(1, "/api/log?limit=200", operator)).contains(SECRET);
  }

  @Test
  void theViewersExportsInJsonAndXmlHoldNoSecret() {
    assertThat(log(1, "/api/log/export", viewer)).doesNotContain(SECRET).contains("\"appType\":\"exec\"");
    String xml = log(1, "/api/log/export?format=xml&app=exec", viewer);
    assertThat(xml).doesNotContain(SECRET).contains("<redacted>true</redacted>").contains("<appType>exec</appType>");
    assertThat(log(1, "/api/log/export?format=xml&app=exec", admin)).contains(SECRET);
  }

  @Test
  void theLogOfAnotherBladeIsRedactedByTheBladeThatServesIt() {
    await().atMost(Duration.ofSeconds(20)).until(() -> log(2, "/api/log?app=exec", admin).contains(SECRET));
    assertThat(log(2, "/api/log?limit=200", viewer)).doesNotContain(SECRET);
    assertThat(log(3, "/api/log/export", viewer)).doesNotContain(SECRET);

    env.put("DCI_TOKEN", viewer);
    Run json = CliRun.dci(env, "log", "--blade", "blade-2", "--format", "json", "--limit", "200");
    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.out()).doesNotContain(SECRET).contains("exec");
    Run xml = CliRun.dci(env, "log", "--blade", "blade-3", "--format", "xml");
    assertThat(xml.code()).as(xml.err()).isZero();
    assertThat(xml.out()).startsWith("<log").doesNotContain(SECRET);
  }
}
