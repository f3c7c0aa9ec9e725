package dci.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dci.app.Http;
import dci.app.TestCluster;
import dci.protocol.pkg.PackageKeys;
import dci.protocol.pkg.PackageWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages screen in a real Chromium against three blades trusting one publisher key: what is
 * published; an admin installing a published package on two chosen blades, each blade's row
 * going from pending to ok live; the inventory then listing it; uninstalling it the same way; a
 * viewer offered no install.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePackagesTest {
  static final KeyPair PUBLISHER = PackageKeys.generate();
  static TestCluster cluster;
  static ConsoleBrowser browser;
  @TempDir static Path work;
  final List<String> problems = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    cluster = TestCluster.blades(3).config("""
        dci.vnas.stripe-size = 64KiB
        dci.vnas.keeper-interval = 1h
        dci.backup.tick = 1h
        dci.failover.enabled = off
        dci.packages.install-timeout = 60s
        dci.packages.trusted-keys = ["%s"]
        """.formatted(PackageKeys.encodePublic(PUBLISHER.getPublic()))).start();
    cluster.awaitApis();
    cluster.call(1, "POST", "/api/users", Map.of("user", "vera", "password", "vera-pass-1", "role", "viewer"));
    publish("hello", "1.0.0", "<install><copy from=\"bin/hello.txt\"/>"
        + "<run program=\"sh\"><arg>-c</arg><arg>sleep 2</arg></run></install>");
    browser = new ConsoleBrowser();
  }

  /** Builds, signs and publishes (through blade 1) a package whose payload is bin/hello.txt. */
  static void publish(String name, String version, String steps) throws IOException {
    Path src = work.resolve("src-" + name + "-" + version);
    Files.createDirectories(src.resolve("bin"));
    Files.writeString(src.resolve("manifest.xml"), "<manifest><name>" + name + "</name><version>" + version
        + "</version><description>greets the console</description>" + steps + "</manifest>");
    Files.writeString(src.resolve("bin/hello.txt"), "hello\n");
    Path pkg = work.resolve(name + "-" + version + ".dcipkg");
    new PackageWriter().write(src, PUBLISHER, pkg);
    Http.Reply r = Http.send(cluster.client(), HttpRequest.newBuilder(URI.create(cluster.url(1) + "/api/packages"))
        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + cluster.token())
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofFile(pkg)));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
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
    ConsoleBrowser.go(page, "packages");
    return page;
  }

  private static boolean installed(int k, String name) {
    return cluster.call(1, "GET", "/api/packages/installed?blade=blade-" + k, null).get("packages")
        .findValuesAsText("name").contains(name);
  }

  @Test
  @Order(1)
  void anAdminInstallsAPublishedPackageOnTwoBladesSeesBothReachOkThenTheInventoryListsIt() {
    Page page = screen("admin", cluster.adminPassword());
    assertThat(page.locator("#published-table tbody tr[data-package=hello]")).containsText("1.0.0");
    assertThat(page.locator("#published-table tbody tr[data-package=hello]")).containsText("greets the console");

    page.locator("#pkg-name").selectOption("hello");
    page.locator("#pkg-on-blade-1").check();
    page.locator("#pkg-on-blade-3").check();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Install").setExact(true)).click();

    Locator job = page.locator("#install-job");
    // live: each blade's row pending while its install (2 s of it a step) runs, then ok
    assertThat(job.locator("tbody tr [data-state=pending]")).hasCount(2);
    assertThat(job.locator("tbody tr")).hasCount(2);
    for (String b : List.of("blade-1", "blade-3")) {
      assertThat(job.locator("tr[data-blade=" + b + "] [data-state]")).hasText("ok",
          new LocatorAssertions.HasTextOptions().setTimeout(60_000));
      assertThat(job.locator("tr[data-blade=" + b + "]")).containsText("install");
    }
    assertThat(job.locator(".pkg-job-head")).hasText("install hello 1.0.0: done");
    assertThat(job.locator("tr[data-blade=blade-2]")).hasCount(0);
    assertThat(installed(1, "hello")).isTrue();
    assertThat(installed(3, "hello")).isTrue();
    assertThat(installed(2, "hello")).as("not chosen").isFalse();

    page.locator("#inventory-blade").selectOption("blade-3");
    assertThat(page.locator("#inventory-table")).hasAttribute("data-blade", "blade-3");
    assertThat(page.locator("#inventory-table tbody tr[data-package=hello]")).containsText("1.0.0");
    page.locator("#inventory-blade").selectOption("blade-2");
    assertThat(page.locator("#inventory-table")).containsText("Nothing installed on blade-2.");
    page.locator("#inventory-blade").selectOption("blade-1");
    assertThat(page.locator("#inventory-table tbody tr[data-package=hello]")).containsText("1.0.0");
    ConsoleBrowser.shot(page, "packages");

    // the jobs screen lists the install this browser started, done on both blades
    ConsoleBrowser.go(page, "jobs");
    Locator row = page.locator("#jobs-installs tbody tr");
    assertThat(row).hasCount(1);
    assertThat(row.locator("[data-state]")).hasText("done");
    assertThat(row).containsText("install hello");
    assertThat(row).containsText("2 of 2 blades");
    assertThat(page.locator("#jobs-drains")).containsText("No blade is being drained.");
  }

  @Test
  @Order(2)
  void anAdminUninstallsItFromTheBladesAndTheInventoryNoLongerListsIt() {
    Page page = screen("admin", cluster.adminPassword());
    page.locator("#pkg-name").selectOption("hello");
    page.locator("#pkg-on-blade-1").check();
    page.locator("#pkg-on-blade-3").check();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Uninstall…")).click();
    // asked first in the page; Cancel uninstalls nothing
    assertThat(page.locator("#uninstall-confirm-text")).hasText(
        "Uninstall hello from blade-1, blade-3? Its files and its peerlet go from those blades.");
    page.locator("#uninstall-confirm-box").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel"))
        .click();
    assertThat(page.locator("#uninstall-confirm-box")).isHidden();
    assertThat(installed(1, "hello")).isTrue();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Uninstall…")).click();
    page.locator("#uninstall-confirm-yes").click();
    Locator job = page.locator("#install-job");
    for (String b : List.of("blade-1", "blade-3")) {
      assertThat(job.locator("tr[data-blade=" + b + "] [data-state]")).hasText("ok",
          new LocatorAssertions.HasTextOptions().setTimeout(60_000));
      assertThat(job.locator("tr[data-blade=" + b + "]")).containsText("uninstall");
    }
    page.locator("#inventory-blade").selectOption("blade-1");
    assertThat(page.locator("#inventory-table")).containsText("Nothing installed on blade-1.");
    assertThat(installed(1, "hello")).isFalse();
    assertThat(installed(3, "hello")).isFalse();
  }

  @Test
  @Order(3)
  void aViewerSeesWhatIsPublishedAndInstalledButCannotInstall() {
    Page page = screen("vera", "vera-pass-1");
    assertThat(page.locator("#published-table tbody tr[data-package=hello]")).isVisible();
    assertThat(page.locator("#inventory-table")).hasAttribute("data-blade", "blade-1");
    assertThat(page.locator("#install-form")).hasCount(0);
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Install").setExact(true)))
        .hasCount(0);
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Uninstall"))).hasCount(0);
  }
}
