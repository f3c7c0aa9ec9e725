package dci.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dci.app.TestCluster;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broadcast command screen (Fig. 26) and the message log screen in a real Chromium against
 * three blades (blade-3 with the role {@code web}): a command runs on all, listed or role-chosen
 * blades with each blade's output and exit code in its row, shown as text; a viewer is not offered
 * broadcast and reads exec payloads redacted; the log filters, sorts, exports XML and replays a line.
 */
class ConsoleMessagingTest {
  static TestCluster cluster;
  static ConsoleBrowser browser;
  final List<String> problems = new ArrayList<>();

  @BeforeAll
  static void start() {
    cluster = TestCluster.blades(3).roles(3, "web").start();
    cluster.awaitApis();
    cluster.call(1, "POST", "/api/users", Map.of("user", "olga", "password", "olga-pass-1", "role", "operator"));
    cluster.call(1, "POST", "/api/users", Map.of("user", "vera", "password", "vera-pass-1", "role", "viewer"));
    browser = new ConsoleBrowser();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    cluster.close();
  }

  @BeforeEach
  void clear() {
    problems.clear();
  }

  @AfterEach
  void noPageProblems() {
    assertThat(problems).as("console errors and CSP violations on the page: %s", problems).isEmpty();
  }

  Page operatorOn(String screen) {
    Page page = browser.open(cluster.url(1), problems);
    ConsoleBrowser.login(page, "olga", "olga-pass-1");
    assertThat(page.locator("#who .badge")).hasText("operator");
    ConsoleBrowser.go(page, screen);
    return page;
  }

  static void run(Page page, String commandLine) {
    page.getByLabel("Command line").fill(commandLine);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run")).click();
  }

  static Locator row(Page page, String blade) {
    return page.locator("#broadcast-results tbody tr[data-blade=" + blade + "]");
  }

  @Test
  void anOperatorRunsACommandOnEveryBladeAndReadsEachBladesOutputAndExitCodeInItsRow() {
    Page page = operatorOn("broadcast");
    assertThat(page.locator("#broadcast-blades input[type=checkbox]")).hasCount(3);
    // quotes keep the blanks inside one argument, as a shell would
    run(page, "echo 'hi   there' \"and\\\"more\"");
    for (String blade : List.of("blade-1", "blade-2", "blade-3")) {
      assertThat(row(page, blade).locator("[data-exit]")).hasText("exit 0");
      assertThat(row(page, blade).locator("pre.stdout").textContent()).isEqualTo("hi   there and\"more\n");
    }
    assertThat(page.locator("#broadcast-results tbody tr")).hasCount(3);
    assertThat(page.locator("#broadcast-summary")).containsText("3 of 3 blade(s) answered exit 0");

    run(page, "sh -c 'echo out on $0; echo oops on $0 >&2; exit 3' x");
    for (String blade : List.of("blade-1", "blade-2", "blade-3")) {
      assertThat(row(page, blade).locator("[data-exit]")).hasText("exit 3");
      assertThat(row(page, blade).locator("pre.stdout")).hasText("out on x");
      assertThat(row(page, blade).locator("pre.stderr")).hasText("oops on x");
    }
    assertThat(page.locator("#broadcast-summary")).containsText("0 of 3 blade(s) answered exit 0");
    ConsoleBrowser.shot(page, "broadcast");
  }

  @Test
  void aListTargetRunsOnExactlyTheChosenBladesAndARoleTargetOnTheBladesWithThatRole() {
    Page page = operatorOn("broadcast");
    page.getByLabel("these blades:").check();
    page.getByLabel("blade-1").check();
    page.getByLabel("blade-3").check();
    run(page, "echo listed");
    assertThat(page.locator("#broadcast-results tbody tr")).hasCount(2);
    assertThat(row(page, "blade-1").locator("pre.stdout")).hasText("listed");
    assertThat(row(page, "blade-3").locator("pre.stdout")).hasText("listed");
    assertThat(row(page, "blade-2")).hasCount(0);

    page.getByLabel("blades with role").check();
    page.getByLabel("Role", new Page.GetByLabelOptions().setExact(true)).selectOption("web");
    run(page, "echo by-role");
    assertThat(page.locator("#broadcast-results tbody tr")).hasCount(1);
    assertThat(row(page, "blade-3").locator("pre.stdout")).hasText("by-role");
  }

  @Test
  void outputThatLooksLikeHtmlIsShownAsLiteralText() {
    Page page = operatorOn("broadcast");
    page.getByLabel("these blades:").check();
    page.getByLabel("blade-2").check();
    run(page, "echo '<b>bold</b>'");
    assertThat(row(page, "blade-2").locator("[data-exit]")).hasText("exit 0");
    assertThat(row(page, "blade-2")).containsText("<b>bold</b>");
    assertThat(page.locator("#broadcast-results b")).hasCount(0);
  }

  @Test
  void aViewerIsNotOfferedBroadcastNorReplayAndReadsExecPayloadsRedacted() {
    JsonNode sent = cluster.call(1, "POST", "/api/envelopes?wait=10s", Map.of("appType", "exec",
        "to", Map.of("mode", "BLADE", "blades", List.of("blade-2")),
        "payload", Map.of("command", "echo", "args", List.of("secret-for-operators"))));
    String id = sent.get("id").asText();

    Page page = browser.open(cluster.url(1), problems);
    ConsoleBrowser.login(page, "vera", "vera-pass-1");
    assertThat(page.locator("#who .badge")).hasText("viewer");
    assertThat(page.locator("nav#nav a[data-screen=log]")).hasCount(1);
    assertThat(page.locator("nav#nav a[data-screen=broadcast]")).hasCount(0);
    page.navigate(cluster.url(1) + "/console/#/broadcast");
    assertThat(page.locator("nav#nav a[data-screen=blades]")).hasAttribute("aria-current", "page");
    assertThat(page.locator("#broadcast-form")).hasCount(0);

    ConsoleBrowser.go(page, "log");
    Locator line = page.locator("#log-table tbody tr[data-id='" + id + "']").first();
    assertThat(line).containsText("exec");
    assertThat(line.locator("pre.payload")).containsText("payload hidden from your role");
    assertThat(page.locator("#log-table")).not().containsText("secret-for-operators");
    assertThat(page.locator("#replay")).hasCount(0);
    assertThat(page.getByText("Replay…")).hasCount(0);
  }

  @Test
  void theLogShowsTheBroadcastsEnvelopesFiltersSortsExportsAndReplaysALineToAnotherBlade() throws Exception {
    JsonNode sent = cluster.call(1, "POST", "/api/envelopes?wait=10s", Map.of("appType", "exec",
        "to", Map.of("mode", "BLADE", "blades", List.of("blade-2")),
        "payload", Map.of("command", "echo", "args", List.of("logged-line"))));
    String id = sent.get("id").asText();
    cluster.call(1, "POST", "/api/envelopes?wait=10s", Map.of("appType", "echo",
        "to", Map.of("mode", "ALL"), "payload", "echoed-everywhere"));

    Page page = operatorOn("broadcast");
    run(page, "echo from-the-console");
    assertThat(page.locator("#broadcast-summary")).containsText("3 of 3");
    ConsoleBrowser.go(page, "log");
    assertThat(page.locator("#screen h1")).hasText("Message log of blade-1");
    // the console's broadcast: one SENT exec envelope per blade, and their replies
    assertThat(page.locator("#log-table tbody tr[data-app=exec]", new Page.LocatorOptions()
        .setHasText("from-the-console"))).not().hasCount(0);
    assertThat(page.locator("#log-table tbody tr[data-id='" + id + "']")).not().hasCount(0);

    page.getByLabel("App", new Page.GetByLabelOptions().setExact(true)).fill("echo");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
    assertThat(page.locator("#log-table")).hasAttribute("data-query", "app=echo&limit=50");
    assertThat(page.locator("#log-table tbody tr")).not().hasCount(0);
    assertThat(page.locator("#log-table tbody tr:not([data-app=echo])")).hasCount(0);

    page.getByLabel("App", new Page.GetByLabelOptions().setExact(true)).fill("");
    page.getByLabel("Sort by").selectOption("sender");
    assertThat(page.locator("#log-table")).hasAttribute("data-query", "sort=sender&limit=50");
    List<String> senders = ((List<?>) page.locator("#log-table tbody tr")
        .evaluateAll("rs => rs.map(r => r.dataset.sender)")).stream().map(String::valueOf).toList();
    assertThat(senders).hasSizeGreaterThan(3).isSorted().contains("blade-1", "blade-2", "blade-3");
    page.locator("#log-table tbody tr[data-app=exec] summary").first().click();
    ConsoleBrowser.shot(page, "log");

    Download download = page.waitForDownload(() ->
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Export XML")).click());
    assertThat(download.suggestedFilename()).isEqualTo("dci-log-blade-1.xml");
    String xml = Files.readString(download.path());
    assertThat(xml).startsWith("<").contains("<log").contains(id).contains("logged-line");

    page.getByLabel("Sort by").selectOption("");
    page.getByLabel("Envelope id").fill(id);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
    assertThat(page.locator("#log-table")).hasAttribute("data-query", "id=" + id + "&limit=50");
    page.locator("#log-table tbody tr[data-id='" + id + "'] button").first().click();
    assertThat(page.locator("#replay-chosen")).containsText(id);
    page.getByLabel("To blade").selectOption("blade-3");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Replay").setExact(true)).click();
    Locator reply = page.locator("#replay-result .replay-reply[data-blade=blade-3]");
    assertThat(reply).containsText("exit 0");
    assertThat(reply.locator("pre.stdout")).hasText("logged-line");
    assertThat(page.locator("#replay-result")).containsText("replayed " + id);
    ConsoleBrowser.shot(page, "log-replayed");
  }

  @Test
  void theLogOfAnotherBladeIsReadFromThatBladeWhileThePageStaysWhereItIs() {
    JsonNode sent = cluster.call(1, "POST", "/api/envelopes?wait=10s", Map.of("appType", "echo",
        "to", Map.of("mode", "BLADE", "blades", List.of("blade-3")), "payload", "for-blade-3s-log"));
    String id = sent.get("id").asText();
    Page page = operatorOn("log");
    assertThat(page.locator("#screen h1")).hasText("Message log of blade-1");
    page.getByLabel("Log of").selectOption("blade-3");
    assertThat(page.locator("#screen h1")).hasText("Message log of blade-3");
    // blade-3 logged the envelope it received (RECEIVED), as its own log has it
    assertThat(page.locator("#log-table tbody tr[data-id='" + id + "']", new Page.LocatorOptions()
        .setHasText("RECEIVED"))).not().hasCount(0);
    assertThat(page.locator("#serving")).hasText("via blade-1");
  }
}
