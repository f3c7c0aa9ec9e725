package dci.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dci.app.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The console in a real Chromium against three blades: login (Fig. 9) with user, password and
 * domain; the live blade table (Fig. 10); a role badge; the session in sessionStorage, never a
 * cookie; and, last, the page going on through another blade when the blade that served it dies.
 * No page breaks its own Content-Security-Policy or throws.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleLoginTest {
  static TestCluster cluster;
  static ConsoleBrowser browser;
  final List<String> problems = new ArrayList<>();

  @BeforeAll
  static void start() {
    cluster = TestCluster.blades(3).start();
    cluster.awaitApis();
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

  Page open(int k) {
    return browser.open(cluster.url(k), problems);
  }

  static void login(Page page, String user, String password) {
    ConsoleBrowser.login(page, user, password);
  }

  @BeforeEach
  void clear() {
    problems.clear();
  }

  @AfterEach
  void noPageProblems() {
    assertThat(problems).as("console errors and CSP violations on the page: %s", problems).isEmpty();
  }

  @Test
  @Order(1)
  void aWrongPasswordIsRefusedThenTheAdminSeesEveryBladeUpLive() {
    Page page = open(2);
    assertThat(page.getByLabel("Domain")).isVisible();
    ConsoleBrowser.shot(page, "login");
    login(page, "admin", "not-the-password");
    assertThat(page.locator("#login-error")).hasText("wrong user, domain or password");
    // a failed login is counted; a console user is not locked out by a typo
    problems.removeIf(p -> p.contains("401"));

    login(page, "admin", cluster.adminPassword());
    assertThat(page.locator("#who .badge")).hasText("admin");
    assertThat(page.locator("#blade-table tbody tr [data-status=Up]")).hasCount(3);
    assertThat(page.locator("#blade-table tbody tr[data-blade=blade-3]")).containsText("default");
    assertThat(page.locator(".live.on")).isVisible();
    ConsoleBrowser.shot(page, "blades");

    // Find machines: a discovery of blade-2's own address on its cluster port finds it as a blade
    page.locator("#find-range").fill("127.0.0.1/32");
    page.locator("#find-port").fill(Integer.toString(cluster.blade(2).settings().port()));
    page.locator("#find-probe").click();
    assertThat(page.locator("#find-table tbody tr [data-kind=blade]")).hasCount(1);
    assertThat(page.locator("#find-table tbody tr")).containsText("blade-2");
    assertThat(page.locator("#find-summary")).hasText("1 probed, 1 with port "
        + cluster.blade(2).settings().port() + " open");

    assertThat(page.context().cookies()).as("the token is never a cookie").isEmpty();
    assertThat((String) page.evaluate("() => sessionStorage.getItem('dci.session')")).contains("\"role\":\"admin\"");
    page.reload(); // a reload keeps the session
    assertThat(page.locator("#who .badge")).hasText("admin");
  }

  @Test
  @Order(2)
  void aViewerSeesTheirRoleAndLogoutForgetsTheSession() {
    Page page = open(1);
    login(page, "vera", "vera-pass-1");
    assertThat(page.locator("#who .badge")).hasText("viewer");
    assertThat(page.locator("#blade-table tbody tr")).hasCount(3);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
    assertThat(page.locator("#login-error")).hasText("logged out");
    assertThat(page.evaluate("() => sessionStorage.getItem('dci.session')")).isNull();
  }

  @Test
  @Order(3)
  void theLoginAndTheNavigationWorkFromTheKeyboardAlone() {
    Page page = open(3);
    assertThat(page.locator("#user")).isFocused();
    page.keyboard().type("admin");
    page.keyboard().press("Tab");
    assertThat(page.locator("#password")).isFocused();
    page.keyboard().type(cluster.adminPassword());
    page.keyboard().press("Enter");
    assertThat(page.locator("#who .badge")).hasText("admin");
    page.locator("nav#nav a").first().focus();
    page.keyboard().press("Enter");
    assertThat(page.locator("nav#nav a[aria-current=page]")).hasCount(1);
    assertThat(page.locator("#screen h1")).isVisible();
  }

  @Test
  @Order(4)
  void theApiAnswersTheBladesOwnPagesCrossOriginAndNoOtherOrigin() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    String blade2 = cluster.url(2);
    java.util.function.BiFunction<String, String, java.net.http.HttpResponse<String>> preflight = (url, origin) -> {
      try {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/api/blades"))
            .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
            .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "authorization")
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };
    var ours = preflight.apply(blade2, cluster.url(1));
    assertThat(ours.statusCode()).isEqualTo(204);
    assertThat(ours.headers().firstValue("Access-Control-Allow-Origin")).hasValue(cluster.url(1));
    assertThat(ours.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Authorization");
    var stranger = preflight.apply(blade2, "http://evil.example");
    assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    var get = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(blade2 + "/api/blades"))
        .header("Origin", cluster.url(3)).header("Authorization", "Bearer " + cluster.token()).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue(cluster.url(3));

    var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(blade2 + "/console/")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval")
        .contains("connect-src 'self' ").contains(cluster.url(1)).contains(cluster.url(3));
    var traversal = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
        blade2 + "/console/..%2f..%2fMETA-INF/MANIFEST.MF")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(traversal.statusCode()).as("nothing outside the console's folder").isEqualTo(404);
  }

  @Test
  @Order(9)
  void whenTheBladeThatServedThePageDiesThePageGoesOnThroughAnotherAndSeesItGo() {
    Page page = open(1);
    login(page, "admin", cluster.adminPassword());
    assertThat(page.locator("#blade-table tbody tr [data-status=Up]")).hasCount(3);
    assertThat(page.locator("#serving")).hasText("via blade-1");

    cluster.crash(1);
    assertThat(page.locator("#serving")).not().hasText("via blade-1",
        new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
    // one wait for both: the table is redrawn from the next blade's stream, empty for a moment
    assertThat(page.locator("#blade-table tbody tr [data-status=Up]")).hasCount(2,
        new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(60_000));
    assertThat(page.locator("#blade-table tbody tr[data-blade=blade-1] [data-status=Up]")).hasCount(0);
    ConsoleBrowser.shot(page, "blades-after-a-blade-died");
    // the page's calls to blade-1 failed on the way: those are expected (a blade shutting down
    // answers its open connections 503 until they close)
    problems.removeIf(p -> p.contains("ERR_CONNECTION_REFUSED") || p.contains("Failed to fetch")
        || p.contains("ERR_EMPTY_RESPONSE") || p.contains("ERR_CONNECTION_RESET")
        || p.contains("status of 503 (Service Unavailable)"));
  }
}
