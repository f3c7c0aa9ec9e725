package dci.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dci.app.TestCluster;
import dci.app.backup.BackupJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The backup screens (Fig. 11-14) in a real Chromium against three blades: an admin configures
 * blade-1's backup through the form (root, an exclusion, a schedule), backs it up and watches
 * the run's progress bar end, opens the archive as a tree, checks two files and restores just
 * them into a directory without touching what was there; the jobs screen lists what this
 * browser started; a viewer sees the settings and archives but cannot change or restore.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBackupTest {
  static final String XSS = "<img src=x onerror=alert(1)>.txt";
  static final LocatorAssertions.HasTextOptions LONG = new LocatorAssertions.HasTextOptions().setTimeout(90_000);
  static TestCluster cluster;
  static ConsoleBrowser browser;
  static Path root;
  /** The admin's page, kept across the tests: the jobs it started are in its sessionStorage. */
  static Page admin;
  static final List<String> problems = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    cluster = BackupJobs.blades(3).start();
    cluster.awaitApis();
    cluster.call(1, "POST", "/api/users", Map.of("user", "vera", "password", "vera-pass-1", "role", "viewer"));
    root = cluster.dir().resolve("console-src");
    write(root.resolve("docs/a.txt"), "alpha");
    write(root.resolve("docs/b.txt"), "bravo");
    write(root.resolve("notes/c.txt"), "charlie");
    write(root.resolve(XSS), "not markup");
    write(root.resolve("tmp/skip.txt"), "excluded");
    browser = new ConsoleBrowser();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    cluster.close();
  }

  static void write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @BeforeEach
  void clear() {
    problems.clear();
  }

  @AfterEach
  void noPageProblems() {
    assertThat(problems).as("console errors and CSP violations on the page: %s", problems).isEmpty();
  }

  static Locator button(Page page, String name) {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  @Test
  @Order(1)
  void anAdminSetsRootExclusionAndScheduleThroughTheFormTheBladesValidationShowsAndTheApiReportsThem() {
    admin = browser.open(cluster.url(1), problems);
    ConsoleBrowser.login(admin, "admin", cluster.adminPassword());
    ConsoleBrowser.go(admin, "backup");
    assertThat(admin.locator("#backup-blade")).hasValue("blade-1");
    assertThat(admin.locator("#backup-replicas")).hasValue("2");

    admin.getByLabel("Root directory").fill(root.toString());
    admin.getByLabel("Excluded folders").fill("tmp");
    admin.getByLabel("Frequency").selectOption("weekly");
    admin.getByLabel("Time of day").fill("06:30");
    admin.getByLabel("Day of the week").selectOption("sun");
    assertThat(admin.locator("#backup-schedule")).hasValue("weekly 06:30 sun");

    admin.getByLabel("Replicas (peer blades)").fill("0");
    button(admin, "Save").click();
    assertThat(admin.locator("#backup-error")).hasText("replicas must be between 1 and 16");
    problems.removeIf(p -> p.contains("400")); // the refused PUT, as the browser logs it

    admin.getByLabel("Replicas (peer blades)").fill("2");
    button(admin, "Save").click();
    assertThat(admin.locator(".toast")).containsText("saved the backup settings of blade-1");
    assertThat(admin.locator("#backup-error")).isEmpty();

    // the settings are replicated: blade-2 has them a moment later
    org.awaitility.Awaitility.await("blade-2 has blade-1's new backup settings").atMost(java.time.Duration.ofSeconds(20))
        .untilAsserted(() -> {
          JsonNode c = cluster.call(2, "GET", "/api/backup/config?blade=blade-1", null).get("config");
          assertThat(c.get("root").asText()).isEqualTo(root.toString());
          assertThat(c.get("excludeDirs").toString()).isEqualTo("[\"tmp\"]");
          assertThat(c.get("schedule").asText()).isEqualTo("weekly 06:30 sun");
          assertThat(c.get("replicas").asInt()).isEqualTo(2);
        });

    // a raw schedule shows in the form's fields too
    admin.getByLabel("Schedule (raw)").fill("daily 2:15");
    assertThat(admin.getByLabel("Frequency")).hasValue("daily");
    assertThat(admin.getByLabel("Time of day")).hasValue("02:15");
    assertThat(admin.getByLabel("Day of the week")).isHidden();
    admin.getByLabel("Schedule (raw)").fill("weekly 06:30 sun");
  }

  @Test
  @Order(2)
  void backUpNowShowsTheRunsProgressBarToItsEnd() {
    button(admin, "Back up now").click();
    assertThat(admin.locator("#backup-run .job-state")).hasText("done", LONG);
    assertThat(admin.locator("#backup-run progress")).hasJSProperty("value", 1);
    assertThat(admin.locator("#backup-run-result")).containsText("4 files");
    ConsoleBrowser.shot(admin, "backup");
  }

  @Test
  @Order(3)
  void twoCheckedFilesOfTheArchiveAreRestoredIntoADirectoryAndWhatWasThereStays() throws IOException {
    Path target = cluster.dir().resolve("console-restored");
    write(target.resolve("keep.txt"), "mine");
    ConsoleBrowser.go(admin, "restore");
    assertThat(admin.locator("#restore-archives tbody tr")).hasCount(1);
    assertThat(admin.locator("#restore-archives tbody tr")).containsText("blade-2, blade-3");
    admin.locator("#restore-archives tbody tr").getByRole(AriaRole.BUTTON).click();

    Locator tree = admin.locator("#archive-view ul.tree");
    assertThat(tree.locator("li.tree-file")).hasCount(4);
    assertThat(tree.getByText(XSS, new Locator.GetByTextOptions().setExact(true))).isVisible();
    assertThat(admin.locator("#archive-view img")).hasCount(0);
    assertThat(tree).not().containsText("skip.txt");

    admin.getByLabel("Search").fill("c.tx");
    assertThat(tree.locator("li.tree-file:visible")).hasCount(1);
    assertThat(tree.getByLabel("c.txt")).isVisible();
    admin.getByLabel("Search").fill("");
    assertThat(tree.locator("li.tree-file:visible")).hasCount(4);

    tree.getByLabel("a.txt", new Locator.GetByLabelOptions().setExact(true)).check();
    tree.getByLabel(XSS, new Locator.GetByLabelOptions().setExact(true)).check();
    assertThat(admin.locator("#restore-chosen")).hasText("2 checked files");
    admin.getByLabel("Target directory").fill(target.toString());
    button(admin, "Recover sequentially up to this archive").click();
    assertThat(admin.locator("#restore-progress .job-state")).hasText("done", LONG);
    assertThat(admin.locator("#restore-progress progress")).hasJSProperty("value", 1);
    assertThat(admin.locator("#restore-result")).containsText("restored 2 files");
    ConsoleBrowser.shot(admin, "restore");

    try (Stream<Path> files = Files.walk(target)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> target.relativize(p).toString()))
          .containsExactlyInAnyOrder("keep.txt", "docs/a.txt", XSS);
    }
    assertThat(Files.readString(target.resolve("docs/a.txt"))).isEqualTo("alpha");
    assertThat(Files.readString(target.resolve(XSS))).isEqualTo("not markup");
    assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("mine");
  }

  @Test
  @Order(4)
  void theJobsScreenShowsTheRunAndRestoreThisBrowserStartedAndEveryBladesJobs() {
    ConsoleBrowser.go(admin, "jobs");
    Locator mine = admin.locator("#jobs-mine tbody tr");
    assertThat(mine).hasCount(2);
    assertThat(mine.nth(0)).containsText("restore of blade-1 up to");
    assertThat(mine.nth(1)).containsText("backup of blade-1");
    assertThat(admin.locator("#jobs-mine .job-state[data-state=done]")).hasCount(2);
    Locator all = admin.locator("#jobs-all tbody tr");
    assertThat(all.filter(new Locator.FilterOptions().setHasText("blade-1-run-"))).hasCount(1);
    assertThat(all.filter(new Locator.FilterOptions().setHasText("blade-1-restore-"))).hasCount(1);
    ConsoleBrowser.shot(admin, "jobs");
  }

  @Test
  @Order(5)
  void aViewerSeesTheSettingsAndArchivesButNoSaveBackUpOrRestore() {
    Page page = browser.open(cluster.url(2), problems);
    ConsoleBrowser.login(page, "vera", "vera-pass-1");
    ConsoleBrowser.go(page, "backup");
    assertThat(page.locator("#backup-root")).hasValue(root.toString());
    assertThat(page.locator("#backup-root")).isDisabled();
    assertThat(page.locator("#backup-schedule")).hasValue("weekly 06:30 sun");
    assertThat(page.locator("#backup-exclude-dirs")).hasValue("tmp");
    assertThat(button(page, "Save")).hasCount(0);
    assertThat(button(page, "Back up now")).hasCount(0);

    ConsoleBrowser.go(page, "restore");
    page.locator("#restore-archives tbody tr").getByRole(AriaRole.BUTTON).click();
    assertThat(page.locator("#archive-view li.tree-file")).hasCount(4);
    assertThat(button(page, "Recover sequentially up to this archive")).hasCount(0);
    assertThat(page.locator("#restore-form")).hasCount(0);
  }

  @Test
  @Order(6)
  void aCheckedFileIsRecoveredOntoAnotherBladeAtTheSourcesRoot() throws IOException {
    // a blade recovered onto another takes over its root (here an absolute folder, the same
    // path on this one machine): the file lost from it comes back, run by blade-3
    String b = Files.readString(root.resolve("docs/b.txt"));
    Files.delete(root.resolve("docs/b.txt"));
    ConsoleBrowser.go(admin, "restore");
    admin.locator("#restore-archives tbody tr").getByRole(AriaRole.BUTTON).click();
    Locator tree = admin.locator("#archive-view ul.tree");
    tree.getByLabel("b.txt", new Locator.GetByLabelOptions().setExact(true)).check();
    admin.getByLabel("To another blade").check();
    admin.locator("#restore-other").selectOption("blade-3");
    button(admin, "Recover sequentially up to this archive").click();
    assertThat(admin.locator("#restore-progress .job-state")).hasText("done", LONG);
    assertThat(admin.locator("#restore-result")).containsText("restored 1 file");
    assertThat(Files.readString(root.resolve("docs/b.txt"))).isEqualTo(b);
    JsonNode jobs = cluster.call(1, "GET", "/api/backup/jobs?blade=blade-3", null);
    assertThat(jobs.findValuesAsText("kind")).as("blade-3 ran the restore").contains("restore");
  }
}
