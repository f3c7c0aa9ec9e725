package dci.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dci.app.node.NodeProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live blade table with real processes: three {@code dci node} JVMs; the console open on
 * blade-1 sees all three Up, then blade-3 is killed with SIGKILL and the row turns Unreachable,
 * then Down, without a reload (the directory pushes the change over server-sent events).
 */
class ConsoleProcessKillTest {
  @TempDir Path dir;

  @Test
  void aBladeKilledWithSigkillGoesDownInTheOpenConsole() throws Exception {
    List<String> problems = new ArrayList<>();
    try (NodeProcesses nodes = new NodeProcesses(dir); ConsoleBrowser browser = new ConsoleBrowser()) {
      nodes.startAndAwait("blade-1", 60);
      nodes.startAndAwait("blade-2", 60);
      nodes.startAndAwait("blade-3", 60);
      nodes.awaitAllUp("blade-1", 90);
      String password = Files.readString(nodes.node("blade-1").data().resolve("admin.password")).trim();

      Page page = browser.open(nodes.node("blade-1").url(), problems);
      ConsoleBrowser.login(page, "admin", password);
      assertThat(page.locator("#blade-table tbody tr [data-status=Up]")).hasCount(3);

      nodes.kill("blade-3");
      assertThat(page.locator("#blade-table tbody tr[data-blade=blade-3] [data-status=Down]")).hasCount(1,
          new LocatorAssertions.HasCountOptions().setTimeout(60_000));
      assertThat(page.locator("#blade-table tbody tr [data-status=Up]")).hasCount(2);
      assertThat(page.locator(".live.on")).isVisible();
      ConsoleBrowser.shot(page, "blades-a-blade-killed");
    }
    assertThat(problems).as("console errors on the page: %s", problems).isEmpty();
  }
}
