package dci.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.microsoft.playwright.options.WaitUntilState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bench/console.sh's driver: how long the console's first screen (the login form) takes to
 * render in a cold browser, served by a blade and, as the peer, by nginx serving the same files.
 *
 * <p>Usage: {@code ConsoleLoad BLADE_URL NGINX_URL RUNS} (each URL the console's, ending in
 * {@code /console/}). RUNS rounds; in each, one page load per server, the order alternating
 * round by round (blade first in odd rounds, nginx first in even ones). Every load launches a
 * new headless Chromium ({@code /usr/bin/chromium} or {@code DCI_CHROMIUM}) with a fresh profile,
 * so nothing is cached and no connection is open; its launch is timed apart, not in the figures.
 * Measured for each load, from the navigation's start:
 * <ul>
 *   <li>render: from the call that navigates to the moment Playwright sees {@code #user} (the
 *       login form's first input) visible, on this process's clock: the figure;</li>
 *   <li>the browser's own first-contentful-paint ({@code performance.getEntriesByType('paint')})
 *       and {@code domContentLoadedEventEnd} of the navigation timing (which, the page's scripts
 *       being ES modules, comes after the whole module graph has run), both from
 *       {@code performance.timeOrigin}.</li>
 * </ul>
 * Each load's figures, its request count and bytes go to stderr; the medians to stdout as
 * {@code RESULT server=... render=... fcp=... dcl=... launch=...} lines, one a server. A page
 * error or console error (a CSP violation among them) or a failed request fails the run. With
 * {@code CONSOLE_TRACE} set, each load's resource timing goes to stderr too.
 */
public final class ConsoleLoad {
  private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

  private ConsoleLoad() {}

  /** One page load's figures, in milliseconds. */
  record Load(double launch, double render, double fcp, double dcl, int requests, long bytes) {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: ConsoleLoad BLADE_URL NGINX_URL RUNS");
      System.exit(2);
    }
    Map<String, String> urls = new LinkedHashMap<>();
    urls.put("blade", args[0]);
    urls.put("nginx", args[1]);
    int runs = Integer.parseInt(args[2]);
    Path chromium = Path.of(System.getenv().getOrDefault("DCI_CHROMIUM", "/usr/bin/chromium"));
    if (!Files.isExecutable(chromium)) {
      throw new IllegalStateException("no Chromium at " + chromium + ": apt-get install chromium");
    }
    Map<String, List<Load>> loads = new LinkedHashMap<>();
    urls.keySet().forEach(k -> loads.put(k, new ArrayList<>()));
    try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
      BrowserType.LaunchOptions launch = new BrowserType.LaunchOptions()
          .setExecutablePath(chromium).setHeadless(true).setArgs(ARGS);
      // one load of each, not counted: the first Chromium launch on the machine pays for reading
      // its files from disk, and this JVM's Playwright client code is cold
      for (String server : urls.keySet()) {
        Load w = load(playwright, launch, urls.get(server));
        System.err.printf("warm-up %s: launch %.0f ms, render %.0f ms%n", server, w.launch, w.render);
      }
      for (int run = 1; run <= runs; run++) {
        List<String> order = new ArrayList<>(urls.keySet());
        if (run % 2 == 0) {
          java.util.Collections.reverse(order);
        }
        for (String server : order) {
          Load l = load(playwright, launch, urls.get(server));
          loads.get(server).add(l);
          System.err.printf("run %d %s: render %.0f ms, first-contentful-paint %.0f ms, DOMContentLoaded end %.0f ms"
                  + " (%d requests, %d bytes; browser launch %.0f ms)%n",
              run, server, l.render, l.fcp, l.dcl, l.requests, l.bytes, l.launch);
        }
      }
    }
    for (var e : loads.entrySet()) {
      List<Load> ls = e.getValue();
      System.out.printf(java.util.Locale.ROOT, "RESULT server=%s render=%.1f fcp=%.1f dcl=%.1f launch=%.1f worst=%.1f requests=%d%n",
          e.getKey(), median(ls, Load::render), median(ls, Load::fcp), median(ls, Load::dcl),
          median(ls, Load::launch), ls.stream().mapToDouble(Load::render).max().orElse(0),
          ls.get(0).requests);
    }
  }

  private static Load load(Playwright playwright, BrowserType.LaunchOptions options, String url) {
    long l0 = System.nanoTime();
    // a new browser, with its own new temporary profile: an empty cache, no open connection
    try (Browser browser = playwright.chromium().launch(options)) {
      BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
      Page page = context.newPage();
      page.setDefaultTimeout(20_000);
      double launchMs = (System.nanoTime() - l0) / 1e6;
      List<String> problems = new ArrayList<>();
      long[] bytes = {0};
      int[] requests = {0};
      page.onConsoleMessage(m -> {
        if ("error".equals(m.type())) {
          problems.add("console: " + m.text());
        }
      });
      page.onPageError(e -> problems.add("page error: " + e));
      page.onRequestFailed(r -> problems.add("failed: " + r.url() + " " + r.failure()));
      page.onResponse(r -> {
        requests[0]++;
        if (r.status() >= 400) {
          problems.add(r.status() + " " + r.url());
        }
      });
      page.onRequestFinished(r -> {
        var sizes = r.sizes();
        bytes[0] += sizes.responseHeadersSize + sizes.responseBodySize;
      });

      Locator user = page.locator("#user");
      long t0 = System.nanoTime();
      page.navigate(url, new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
      user.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
      double renderMs = (System.nanoTime() - t0) / 1e6;

      page.waitForLoadState(LoadState.LOAD);
      @SuppressWarnings("unchecked")
      Map<String, Object> t = (Map<String, Object>) page.evaluate("""
          () => new Promise(resolve => {
            const done = () => {
              const nav = performance.getEntriesByType('navigation')[0];
              const fcp = performance.getEntriesByType('paint').find(p => p.name === 'first-contentful-paint');
              if (!fcp || !nav || !nav.domContentLoadedEventEnd) return false;
              resolve({fcp: fcp.startTime, dcl: nav.domContentLoadedEventEnd});
              return true;
            };
            if (!done()) {
              const tries = {n: 0};
              const again = () => { if (!done() && ++tries.n < 200) setTimeout(again, 10); else if (tries.n >= 200) resolve({fcp: -1, dcl: -1}); };
              again();
            }
          })""");
      // what module or style arrives late is still to come once #user shows: wait for the
      // network to settle so that the counts are the page's whole
      page.waitForLoadState(LoadState.NETWORKIDLE);
      if (System.getenv("CONSOLE_TRACE") != null) {
        // each request's resource timing, from the navigation's start: when it started, the new
        // connection's time, the wait for its first byte, its end
        System.err.println(page.evaluate("""
            () => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
              .map(e => `  ${new URL(e.name).pathname.padEnd(30)} start ${e.startTime.toFixed(1)}`
                + ` connect ${(e.connectEnd - e.connectStart).toFixed(1)}`
                + ` request ${e.requestStart.toFixed(1)} first byte ${e.responseStart.toFixed(1)}`
                + ` (wait ${(e.responseStart - e.requestStart).toFixed(1)}) end ${e.responseEnd.toFixed(1)}`)
              .join('\\n')"""));
      }
      context.close();
      if (!problems.isEmpty()) {
        throw new IllegalStateException(url + ": " + problems);
      }
      double fcp = ((Number) t.get("fcp")).doubleValue();
      double dcl = ((Number) t.get("dcl")).doubleValue();
      if (fcp < 0) {
        throw new IllegalStateException(url + ": no first-contentful-paint entry");
      }
      return new Load(launchMs, renderMs, fcp, dcl, requests[0], bytes[0]);
    }
  }

  private static double median(List<Load> ls, java.util.function.ToDoubleFunction<Load> f) {
    double[] v = ls.stream().mapToDouble(f).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
