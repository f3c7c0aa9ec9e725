package dci.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dci.app.Http;
import dci.app.TestCluster;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The VNAS browser in a real Chromium against three blades: uploads by the file picker and by
 * dropping files on the list (progress to 100 %), downloads byte for byte (the token in a header,
 * never in a URL), folders, a file's stripes and the blades holding them, delete confirmed in
 * the page, a hostile file name shown as text, and a viewer offered no way to change the volume.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleVnasTest {
  static final String SETTINGS = """
      dci.vnas.stripe-size = 64KiB
      dci.vnas.keeper-interval = 1h
      dci.vnas.publish-interval = 500ms
      """;
  static final String HOSTILE = "<img src=x onerror=alert(1)>.txt";
  static TestCluster cluster;
  static ConsoleBrowser browser;
  static final byte[] PICKED = new byte[200_000];
  final List<String> problems = new ArrayList<>();

  @BeforeAll
  static void start() {
    cluster = TestCluster.blades(3).config(SETTINGS).start();
    cluster.awaitApis();
    cluster.call(1, "POST", "/api/users", Map.of("user", "vera", "password", "vera-pass-1", "role", "viewer"));
    await("the volume knows the three stores").atMost(TestCluster.UP_WITHIN).pollInterval(Duration.ofMillis(200))
        .until(() -> StreamSupport.stream(cluster.call(1, "GET", "/api/vnas/df", null).get("blades").spliterator(), false)
            .filter(b -> b.get("status").asText().equals("Up")).count() == 3);
    new Random(11).nextBytes(PICKED);
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
    assertThat(problems).as("console errors, CSP violations and dialogs on the page: %s", problems).isEmpty();
  }

  Page vnas(String user, String password) {
    Page page = browser.open(cluster.url(1), problems);
    page.onDialog(d -> {
      problems.add("a " + d.type() + " dialog: " + d.message());
      d.dismiss();
    });
    ConsoleBrowser.login(page, user, password);
    ConsoleBrowser.go(page, "vnas");
    return page;
  }

  static Locator row(Page page, String name) {
    return page.locator("#vnas-list tbody tr").filter(new Locator.FilterOptions().setHas(
        page.locator("td:first-child").getByText(name, new Locator.GetByTextOptions().setExact(true))));
  }

  static Locator button(Page page, String name) {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  static void uploaded(Page page, String name) {
    Locator u = page.locator("#vnas-uploads li").filter(new Locator.FilterOptions().setHasText(name));
    assertThat(u.locator(".pct")).hasText("100 %");
    assertThat(u.locator("progress")).hasJSProperty("value", 100);
    assertThat(u.locator(".state")).hasText("stored");
  }

  static HttpResponse<byte[]> dav(int k, String method, String path, byte[] body) throws Exception {
    return cluster.client().send(HttpRequest.newBuilder(URI.create(cluster.url(k) + path))
        .header("Authorization", "Bearer " + cluster.token())
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  @Order(1)
  void anOperatorUploadsByPickerAndByDropSeesProgressReachFullAndDownloadsTheSameBytes() throws Exception {
    Page page = vnas("admin", cluster.adminPassword());
    assertThat(page.locator("#vnas-df")).containsText("free");
    assertThat(page.locator("#vnas-df")).containsText("3 of 3 blades Up");

    page.setInputFiles("#vnas-file", new FilePayload("picked.bin", "application/octet-stream", PICKED));
    uploaded(page, "/picked.bin");
    assertThat(row(page, "picked.bin")).containsText("195 KiB");

    page.evaluate("""
        text => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], 'dropped.txt', {type: 'text/plain'}));
          const list = document.getElementById('vnas-list');
          list.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
          list.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
        }""", "dropped onto the list\n");
    uploaded(page, "/dropped.txt");
    assertThat(row(page, "dropped.txt")).containsText("22 B");
    assertThat(new String(dav(2, "GET", "/vnas/dropped.txt", null).body(), StandardCharsets.UTF_8))
        .isEqualTo("dropped onto the list\n");

    List<String> urls = new ArrayList<>();
    page.onRequest(r -> urls.add(r.url()));
    Download d = page.waitForDownload(() -> button(page, "Download picked.bin").click());
    assertThat(d.suggestedFilename()).isEqualTo("picked.bin");
    assertThat(Files.readAllBytes(d.path())).isEqualTo(PICKED);
    assertThat(urls).as("the token never travels in a URL").noneMatch(u -> u.contains(cluster.token()));
  }

  @Test
  @Order(2)
  void aFolderIsMadeEnteredAndUploadedIntoAndAFilesStripesShowTheBladesHoldingThem() {
    Page page = vnas("admin", cluster.adminPassword());
    page.getByLabel("New folder").fill("reports");
    button(page, "Create folder").click();
    button(page, "reports/").click();
    assertThat(page.locator("#vnas-crumbs [aria-current=location]")).hasText("reports");
    assertThat(page.locator("#vnas-list .empty")).isVisible();

    byte[] q3 = new byte[300_000];
    new Random(3).nextBytes(q3);
    page.setInputFiles("#vnas-file", new FilePayload("q3.bin", "application/octet-stream", q3));
    uploaded(page, "/reports/q3.bin");
    assertThat(row(page, "q3.bin")).containsText("293 KiB");

    JsonNode stat = cluster.call(2, "GET", "/api/vnas/stat?path=/reports/q3.bin", null);
    assertThat(stat.get("stripes")).hasSize(5);
    button(page, "Placement of q3.bin").click();
    Locator stripes = page.locator("#vnas-stripes tbody tr");
    assertThat(stripes).hasCount(5);
    java.util.Set<String> used = new java.util.TreeSet<>();
    for (JsonNode s : stat.get("stripes")) {
      Locator r = page.locator("#vnas-stripes tbody tr[data-stripe='" + s.get("index").asInt() + "']");
      assertThat(s.get("blades")).hasSize(2);
      List<String> holders = new ArrayList<>();
      s.get("blades").forEach(b -> holders.add(b.asText()));
      used.addAll(holders);
      assertThat(r.locator(".stripe-blade")).hasText(holders.toArray(String[]::new));
      assertThat(r).containsText(s.get("size").asLong() == 65_536 ? "64 KiB" : "37 KiB");
    }
    assertThat(page.locator("#vnas-stripes")).containsText("5 stripes on " + used.size() + " blades");
    ConsoleBrowser.shot(page, "vnas");

    page.locator("#vnas-crumbs").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("vnas")).click();
    assertThat(page.locator("#vnas-crumbs [aria-current=location]")).hasText("vnas");
    assertThat(row(page, "reports/")).hasAttribute("data-kind", "folder");
  }

  @Test
  @Order(3)
  void deleteIsConfirmedInThePageThenRemovesTheFileAndAFolderWithWhatItHolds() throws Exception {
    Page page = vnas("admin", cluster.adminPassword());
    button(page, "Delete dropped.txt").click();
    assertThat(page.getByRole(AriaRole.ALERTDIALOG)).containsText("Delete /dropped.txt?");
    button(page, "Cancel").click();
    assertThat(page.getByRole(AriaRole.ALERTDIALOG)).hasCount(0);
    assertThat(row(page, "dropped.txt")).hasCount(1);

    button(page, "Delete dropped.txt").click();
    page.locator("#vnas-confirm-delete").click();
    assertThat(row(page, "dropped.txt")).hasCount(0);
    assertThat(dav(3, "GET", "/vnas/dropped.txt", null).statusCode()).isEqualTo(404);

    button(page, "Delete reports").click();
    assertThat(page.getByRole(AriaRole.ALERTDIALOG)).containsText("and everything in it");
    page.locator("#vnas-confirm-delete").click();
    assertThat(row(page, "reports/")).hasCount(0);
    assertThat(dav(2, "GET", "/vnas/reports/q3.bin", null).statusCode()).isEqualTo(404);
    assertThat(row(page, "picked.bin")).hasCount(1);
  }

  @Test
  @Order(4)
  void aHostileFileNameIsListedAsItsLiteralTextAndNoImageAppears() throws Exception {
    String path = "/vnas/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.txt";
    assertThat(dav(1, "PUT", path, "boo".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
    Page page = vnas("admin", cluster.adminPassword());
    assertThat(row(page, HOSTILE)).hasCount(1);
    button(page, "Placement of " + HOSTILE).click();
    assertThat(page.locator("#vnas-stripes-title")).hasText("Placement of /" + HOSTILE);
    Download d = page.waitForDownload(() -> button(page, "Download " + HOSTILE).click());
    assertThat(Files.readString(d.path())).isEqualTo("boo");
    assertThat(page.locator("img")).hasCount(0);
  }

  @Test
  @Order(5)
  void aViewerBrowsesAndDownloadsButIsOfferedNoUploadDeleteOrNewFolder() {
    Page page = vnas("vera", "vera-pass-1");
    assertThat(row(page, "picked.bin")).hasCount(1);
    assertThat(button(page, "Download picked.bin")).isVisible();
    assertThat(page.locator("#vnas-file")).hasCount(0);
    assertThat(page.locator("#vnas-folder")).hasCount(0);
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete"))).hasCount(0);
    assertThat(page.locator("#vnas-list .hint")).hasCount(0);
    page.evaluate("""
        () => {
          const dt = new DataTransfer();
          dt.items.add(new File(['x'], 'sneaky.txt'));
          document.getElementById('vnas-list').dispatchEvent(
              new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
        }""");
    assertThat(page.locator("#vnas-uploads li")).hasCount(0);
    ConsoleBrowser.shot(page, "vnas-viewer");
    assertThat(Http.get(cluster.url(1) + "/api/vnas/stat?path=/sneaky.txt", cluster.token()).status()).isEqualTo(404);
  }
}
