package dci.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dci.app.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fail-over screen in a real Chromium against three blades (fail-over on, as by default):
 * the desk ports and the blade each is routed to; an admin moving a port to another blade through
 * the page; each blade's health charts drawn from the readings of the last hour, and a fault
 * injected through the API showing on that blade's row; the in-page confirm before a fail-over;
 * spares added and removed; a viewer offered none of the admin's actions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleFailoverTest {
  static TestCluster cluster;
  static ConsoleBrowser browser;
  final List<String> problems = new ArrayList<>();

  @BeforeAll
  static void start() {
    cluster = TestCluster.blades(3).start();
    cluster.awaitApis();
    cluster.call(1, "POST", "/api/users", Map.of("user", "vera", "password", "vera-pass-1", "role", "viewer"));
    cluster.call(1, "PUT", "/api/ports/u1", Map.of("blade", "blade-2"));
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

  Page screen(String user, String password) {
    Page page = browser.open(cluster.url(1), problems);
    ConsoleBrowser.login(page, user, password);
    ConsoleBrowser.go(page, "failover");
    return page;
  }

  private static String bladeOf(String user) {
    for (JsonNode p : cluster.call(1, "GET", "/api/ports", null)) {
      if (p.get("user").asText().equals(user)) {
        return p.get("blade").asText();
      }
    }
    return null;
  }

  @Test
  @Order(1)
  void theAdminSeesAUsersPortAndMovesItToAnotherBladeWhichTheApiThenReports() {
    Page page = screen("admin", cluster.adminPassword());
    Locator row = page.locator("#port-table tbody tr[data-user=u1]");
    assertThat(row.locator(".port-blade")).hasText("blade-2");

    page.locator("#move-u1").selectOption("blade-3");
    row.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("Move")).click();
    assertThat(row.locator(".port-blade")).hasText("blade-3");
    await("the API routes u1 to blade-3").atMost(Duration.ofSeconds(10)).until(() -> "blade-3".equals(bladeOf("u1")));
  }

  @Test
  @Order(2)
  void everyBladesHealthIsChartedAndAFaultShowsOnItsRow() {
    Page page = screen("admin", cluster.adminPassword());
    for (int k = 1; k <= 3; k++) {
      Locator chart = page.locator("#health-table tr[data-blade=blade-" + k + "] .fo-chart");
      assertThat(chart.locator("canvas")).hasCount(1);
      assertThat(chart).hasAttribute("data-points", Pattern.compile("^([2-9]|\\d\\d+)$"),
          new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
      assertThat(page.locator("#health-table tr[data-blade=blade-" + k + "] [data-condition]")).hasText("ok");
    }

    cluster.call(1, "POST", "/api/faults", Map.of("blade", "blade-2", "fault", "temperature=80"));
    Locator hot = page.locator("#health-table tr[data-blade=blade-2]");
    assertThat(hot.locator("[data-condition]")).hasText("warning",
        new LocatorAssertions.HasTextOptions().setTimeout(30_000));
    assertThat(hot.locator(".fo-faults")).containsText("temperature=80");
    assertThat(page.locator("#health-table tr[data-blade=blade-1] [data-condition]")).hasText("ok");
    ConsoleBrowser.shot(page, "failover");
    cluster.call(1, "DELETE", "/api/faults?blade=blade-2", null);
    assertThat(hot.locator("[data-condition]")).hasText("ok", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
  }

  @Test
  @Order(3)
  void aFailOverWaitsForTheConfirmOnThePageAndCancelStartsNone() {
    Page page = screen("admin", cluster.adminPassword());
    page.locator("#trigger-blade").selectOption("blade-3");
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Fail over…")).click();
    assertThat(page.locator("#trigger-confirm-box")).isVisible();
    assertThat(page.locator("#trigger-confirm-text")).containsText("Fail blade-3 over to a spare now?");
    assertThat(page.locator("#trigger-confirm")).isFocused();
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Cancel")).click();
    assertThat(page.locator("#trigger-confirm-box")).isHidden();
    assertThat(cluster.call(1, "GET", "/api/failover/history", null).size()).as("no fail-over started").isZero();
    assertThat(page.locator("#failover-history")).containsText("No fail-over yet.");
    assertThat(page.locator("#fo-coordinator")).hasText("blade-1");
  }

  @Test
  @Order(4)
  void anAdminAddsASpareAndRemovesItAgain() {
    Page page = screen("admin", cluster.adminPassword());
    page.locator("#spare-blade").selectOption("blade-3");
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Add spare")).click();
    Locator spare = page.locator("#spare-table tbody tr", new Page.LocatorOptions().setHasText("blade-3"));
    assertThat(spare).containsText("added");
    spare.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("Remove")).click();
    assertThat(spare).containsText("removed");
    assertThat(cluster.call(1, "GET", "/api/spares", null).toString()).contains("\"mark\":\"removed\"");
  }

  @Test
  @Order(5)
  void aViewerSeesPortsAndHealthButNoAssignTriggerOrSpareButtons() {
    Page page = screen("vera", "vera-pass-1");
    assertThat(page.locator("#port-table tbody tr[data-user=u1] .port-blade")).hasText("blade-3");
    assertThat(page.locator("#health-table > tbody > tr")).hasCount(3);
    assertThat(page.locator("#spare-table")).isVisible();
    assertThat(page.locator(".port-move")).hasCount(0);
    assertThat(page.locator("#route-form, #spare-form, #trigger-form")).hasCount(0);
    assertThat(page.locator("#failover-history, #spare-table").getByRole(
        com.microsoft.playwright.options.AriaRole.BUTTON)).hasCount(0);
    assertThat(page.locator("#screen button")).hasCount(0);
  }
}
