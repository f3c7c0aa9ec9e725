package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dci.app.Http;
import dci.app.TestCluster;
import dci.app.cli.CliRun.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dci shell} driven without a prompt ({@code -c} and a script) on a real cage of three
 * blades, blade-2 and blade-3 with role {@code storage}: files copied between two blades'
 * exports and to and from the VNAS arrive byte for byte; a viewer's {@code rm} is refused with
 * the reason; {@code run role:storage} answers from exactly the blades with that role. The prompt
 * itself is driven on a real pseudo-terminal: Tab completes a path, a copy typed at it arrives
 * byte for byte, Ctrl-C stops a long command and gives the prompt back, Ctrl-D leaves.
 */
class ShellClusterTest {
  private static TestCluster cage;
  private static String admin;
  private static String viewer;
  private static Path exp1;
  private static Path exp2;
  private static byte[] data;
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();

  @BeforeAll
  static void start(@TempDir Path exports) throws Exception {
    cage = TestCluster.blades(3).roles(2, "storage").roles(3, "storage").start();
    admin = Http.login(cage.url(1), "admin", cage.adminPassword());
    Http.Reply r = Http.post(cage.url(1) + "/api/users", admin,
        "{\"user\":\"shell-viewer\",\"password\":\"shell-viewer-pass\",\"role\":\"viewer\"}");
    assertThat(r.status()).as(r.text()).isIn(200, 201);
    viewer = Http.login(cage.url(1), "shell-viewer", "shell-viewer-pass");
    exp1 = Files.createDirectories(exports.resolve("one"));
    exp2 = Files.createDirectories(exports.resolve("two"));
    data = new byte[700_000];
    new Random(27).nextBytes(data);
    Files.write(exp1.resolve("data.bin"), data);
  }

  @AfterAll
  static void stop() {
    if (cage != null) {
      cage.close();
    }
  }

  @BeforeEach
  void asAdmin() {
    env.put("XDG_CONFIG_HOME", home.toString());
    env.put("DCI_URL", cage.url(1));
    env.put("DCI_TOKEN", admin);
    ok(CliRun.dci(env, "export", "add", "--blade", "blade-1", exp1.toString(), "--as", "share"));
    ok(CliRun.dci(env, "export", "add", "--blade", "blade-2", exp2.toString(), "--as", "share"));
  }

  @Test
  void aCopyBetweenTwoBladesExportsAndToAndFromTheVnasIsByteForByte() throws Exception {
    ok(CliRun.dci(env, "shell", "-c", "cp /blades/blade-1/share/data.bin /blades/blade-2/share/copy.bin"));
    assertThat(Files.readAllBytes(exp2.resolve("copy.bin"))).isEqualTo(data);

    Path script = home.resolve("script");
    Files.writeString(script, "cd /blades/blade-2/share\nls\nmkdir sub\ncp copy.bin /vnas/shell-test.bin\n"
        + "cp /vnas/shell-test.bin sub/back.bin\n");
    Run run = ok(CliRun.dci(env, "shell", script.toString()));
    assertThat(run.out()).contains("copy.bin");
    assertThat(Files.readAllBytes(exp2.resolve("sub/back.bin"))).isEqualTo(data);
    Path local = home.resolve("local.bin");
    ok(CliRun.dci(env, "shell", "-c", "get /vnas/shell-test.bin " + local));
    assertThat(Files.readAllBytes(local)).isEqualTo(data);
  }

  @Test
  void aViewerListsButItsRmIsRefusedWithTheReason() {
    env.put("DCI_TOKEN", viewer);
    Run ls = ok(CliRun.dci(env, "shell", "-c", "ls /blades/blade-1/share"));
    assertThat(ls.out()).contains("data.bin");
    Run rm = CliRun.dci(env, "shell", "-c", "rm /blades/blade-1/share/data.bin");
    assertThat(rm.code()).isEqualTo(CliError.FORBIDDEN);
    assertThat(rm.err()).contains("rm: forbidden: role viewer may not do this: needs operator");
    assertThat(exp1.resolve("data.bin")).exists();
  }

  @Test
  void runByRoleAnswersFromExactlyTheBladesWithThatRole() {
    Run r = ok(CliRun.dci(env, "shell", "-c", "run role:storage -- uname -n"));
    assertThat(r.out()).contains("== blade-2: exit 0").contains("== blade-3: exit 0").doesNotContain("blade-1");
  }

  @Test
  void aRoleNoBladeHasIsRefusedClearly() {
    Run r = CliRun.dci(env, "broadcast", "--to", "role:nosuchrole", "--", "true");
    assertThat(r.code()).isEqualTo(CliError.FAILED);
    assertThat(r.err()).contains("no Up blade has role 'nosuchrole'");
  }

  @Test
  void nothingOutsideAnExportIsRead() throws Exception {
    Files.createSymbolicLink(exp1.resolve("out"), cage.adminPasswordFile().toAbsolutePath());
    Run link = CliRun.dci(env, "shell", "-c", "cat /blades/blade-1/share/out");
    assertThat(link.code()).isEqualTo(CliError.FORBIDDEN);
    assertThat(link.err()).contains("leads outside the export share");
    Run dots = CliRun.dci(env, "shell", "-c", "cat /blades/blade-1/share/../../../admin.password");
    assertThat(dots.code()).isNotZero();
    assertThat(dots.err()).contains("no such path: /admin.password");
    Http.Reply api = Http.get(cage.url(2) + "/api/fs/read?blade=blade-1&path=/share/../../x", admin);
    assertThat(api.status()).isEqualTo(400);
    assertThat(api.text()).contains("is not a plain path inside an export");
  }

  @Test
  void atThePromptTabCompletesACopyArrivesAndCtrlCStopsALongCommandButNotTheShell() throws Exception {
    try (ShellTerminal t = ShellTerminal.start(env, home)) {
      t.awaitShown("dci:/> ", Duration.ofSeconds(30));
      t.type("cd /blades/blade-1/sh\t");
      t.awaitShown("/blades/blade-1/share/", Duration.ofSeconds(10));
      t.type("\r");
      t.awaitShown("dci:/blades/blade-1/share> ", Duration.ofSeconds(10));
      t.type("cp data.bin /vnas/pty.bin\r");
      t.awaitShown("dci:/blades/blade-1/share> ", Duration.ofSeconds(30));
      Path back = home.resolve("pty.bin");
      ok(CliRun.dci(env, "shell", "-c", "get /vnas/pty.bin " + back));
      assertThat(Files.readAllBytes(back)).isEqualTo(data);

      String marker = "pty-" + System.nanoTime();
      t.type("run blade-1 -- sh -c 'sleep 60; echo " + marker + "'\r");
      await().atMost(Duration.ofSeconds(20)).until(() -> running("sleep 60; echo " + marker));
      long pressed = System.nanoTime();
      t.type("\u0003");
      t.awaitShown("run: cancelled", Duration.ofSeconds(10));
      t.awaitShown("dci:/blades/blade-1/share> ", Duration.ofSeconds(10));
      assertThat(Duration.ofNanos(System.nanoTime() - pressed)).as("Ctrl-C gave the prompt back at once")
          .isLessThan(Duration.ofSeconds(10));
      t.type("pwd\r");
      t.awaitShown("/blades/blade-1/share", Duration.ofSeconds(10));
      t.type("\u0004");
      assertThat(t.awaitExit(Duration.ofSeconds(10))).as(t.screen()).isZero();
      assertThat(t.screen()).doesNotContain(marker + "\r\n");
    }
  }

  private static boolean running(String commandLine) {
    return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(commandLine));
  }

  private static Run ok(Run r) {
    assertThat(r.code()).as(r.err() + r.out()).isZero();
    return r;
  }
}
