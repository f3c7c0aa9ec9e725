package dci.app.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real Chromium (Debian's {@code /usr/bin/chromium}, or {@code DCI_CHROMIUM}) driven by
 * Playwright for Java, headless, with a fresh profile per test class and no background network
 * (this machine has none). Screenshots go to {@code target/console-shots/}. Fails, rather than
 * skips, when there is no Chromium: {@code .ci/run} installs it.
 */
final class ConsoleBrowser implements AutoCloseable {
  static final Path SHOTS = Path.of("target", "console-shots");
  private final Playwright playwright;
  private final Browser browser;
  private final java.util.List<BrowserContext> contexts = new java.util.ArrayList<>();

  ConsoleBrowser() {
    Path chromium = Path.of(System.getenv().getOrDefault("DCI_CHROMIUM", "/usr/bin/chromium"));
    if (!Files.isExecutable(chromium)) {
      throw new IllegalStateException("no Chromium at " + chromium + ": apt-get install chromium (.ci/run does)");
    }
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(chromium)
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync")));
  }

  /** A new page in its own browser context (its own sessionStorage), 1280×800, as on a laptop. */
  Page page() {
    BrowserContext c = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
    c.setDefaultTimeout(20_000);
    contexts.add(c);
    return c.newPage();
  }

  /**
   * A new page at {@code apiUrl}'s console; the page's console errors and uncaught exceptions
   * (a CSP violation among them) are added to {@code problems}.
   */
  Page open(String apiUrl, java.util.List<String> problems) {
    Page page = page();
    page.onConsoleMessage(m -> {
      if ("error".equals(m.type())) {
        problems.add(m.text());
      }
    });
    page.onPageError(problems::add);
    page.navigate(apiUrl + "/console/");
    return page;
  }

  /** Logs in on the login screen (Fig. 9) and waits for the role badge. */
  static void login(Page page, String user, String password) {
    page.getByLabel("User").fill(user);
    page.getByLabel("Password").fill(password);
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Log in")).click();
  }

  /** Opens screen {@code id} (#/id) through the navigation. */
  static void go(Page page, String id) {
    page.locator("nav#nav a[data-screen=" + id + "]").click();
    com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(
        page.locator("nav#nav a[data-screen=" + id + "]")).hasAttribute("aria-current", "page");
  }

  /** Writes the page's screenshot to target/console-shots/NAME.png. */
  static void shot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
  }

  @Override
  public void close() {
    contexts.forEach(BrowserContext::close);
    browser.close();
    playwright.close();
  }
}
