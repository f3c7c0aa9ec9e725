package dci.app.confine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's programs read their own home and nothing of the blade's data. */
class ConfinementTest {
  @TempDir Path dir;
  Path data;

  @BeforeEach
  void blade() throws Exception {
    data = dir.resolve("data");
    Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.writeString(data.resolve("admin.password"), "ADMIN-SECRET-1\n");
    Files.createDirectories(data.resolve("replicated"));
    Files.writeString(data.resolve("replicated/data.mdb"), "REPLICATED-SECRET-2\n");
    Files.createDirectories(data.resolve("home/u2"));
    Files.writeString(data.resolve("home/u2/diary"), "OTHER-USER-SECRET-3\n");
  }

  private static String run(Launch launch, Path cwd) throws Exception {
    Process p = launch.processBuilder().directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void asRootEachUserRunsAsItsOwnAccountAndReadsNothingOutsideItsHome() throws Exception {
    assumeTrue(OsAccounts.isRoot(), "needs root (CI runs as root)");
    Path home = data.resolve("home/u1");
    Files.createDirectories(home);
    Files.writeString(home.resolve("restored.txt"), "mine\n"); // as a restore writes it: owned by root
    Launch line = new OsAccounts(data).wrap("u1", home, Map.of("GREETING", "hi"), List.of("sh", "-c",
        "cat ../../admin.password ../../replicated/data.mdb ../u2/diary " + data + "/admin.password; "
            + "id -un; echo $GREETING $HOME; cat restored.txt; echo new >> restored.txt && echo wrote"));
    String out = run(line, home);
    assertThat(out).doesNotContain("ADMIN-SECRET-1", "REPLICATED-SECRET-2", "OTHER-USER-SECRET-3");
    assertThat(out).contains("dci-u1", "hi " + home, "mine", "wrote");
    assertThat(Files.getOwner(home.resolve("restored.txt")).getName()).isEqualTo("dci-u1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
  }

  @Test
  void asRootTheCallersVariablesAreSetOnlyAfterTheDropAndARunWithoutAnyStartsCleanWithOneExecFewer() throws Exception {
    assumeTrue(OsAccounts.isRoot(), "needs root (CI runs as root)");
    Path home = data.resolve("home/_exec");
    // with the caller's variables: setpriv (root) gets none of them, env -i sets them as the account
    Launch withVars = new OsAccounts(data).wrap("_exec", home, Map.of("GREETING", "hi"), List.of("env"));
    assertThat(withVars.environment()).isEqualTo(Confinement.wrapperEnvironment());
    assertThat(withVars.line()).contains("/usr/bin/env", "GREETING=hi");
    assertThat(run(withVars, home)).contains("GREETING=hi", "USER=_exec");
    // without: only the blade's own values, given to setpriv and passed on, no env -i
    Launch bare = new OsAccounts(data).wrap("_exec", home, Map.of(), List.of("env"));
    assertThat(bare.line()).doesNotContain("/usr/bin/env").endsWith("--", "env");
    assertThat(bare.environment()).containsOnlyKeys("HOME", "USER", "PATH", "LANG");
    String out = run(bare, home);
    assertThat(out.lines().map(l -> l.substring(0, l.indexOf('=')))).containsExactlyInAnyOrder("HOME", "USER", "PATH",
        "LANG");
    assertThat(out).contains("HOME=" + home, "USER=_exec");
  }

  @Test
  void aUsersEnvironmentCannotReachTheWrapperThatRunsAsRoot() {
    assertThatThrownBy(() -> Confinement.environment("u1", data, Map.of("LD_PRELOAD", "/tmp/evil.so")))
        .hasMessageContaining("LD_PRELOAD");
    assertThatThrownBy(() -> Confinement.environment("u1", data, Map.of("A=B", "x"))).hasMessageContaining("not allowed");
    assertThat(Confinement.environment("u1", data, Map.of("HOME", "/root"))).containsEntry("HOME", data.toString());
  }

  @Test
  void withoutRootOrSandboxRunsAreRefusedUnlessUnsandboxedIsSet() throws Exception {
    var refusing = Confinement.fromConfig(ConfigFactory.parseString(
        "dci.desk { confine = sandbox, unsandboxed = off, bwrap = /nonexistent/bwrap }"), data);
    assertThatThrownBy(() -> refusing.wrap("u1", data.resolve("home/u1"), Map.of(), List.of("true")))
        .isInstanceOf(Confinement.Refused.class).hasMessageContaining("unsandboxed = on");
    assertThat(refusing.warning()).contains("refused");
    var open = Confinement.fromConfig(ConfigFactory.parseString(
        "dci.desk { confine = sandbox, unsandboxed = on, bwrap = /nonexistent/bwrap }"), data);
    assertThat(open.warning()).contains("not sandboxed");
    assertThat(run(open.wrap("u1", data.resolve("home/u1"), Map.of(), List.of("sh", "-c", "echo $USER")),
        data.resolve("home/u1"))).contains("u1");
  }

  @Test
  void inABubblewrapSandboxTheBladesDataIsHiddenButTheHome() throws Exception {
    assumeTrue(Sandbox.usable("bwrap"), "bubblewrap is not installed or not usable here");
    Path home = data.resolve("home/u1");
    Launch line = new Sandbox(data, "bwrap").wrap("u1", home, Map.of(), List.of("sh", "-c",
        "cat " + data + "/admin.password " + data + "/home/u2/diary; echo ok > f && cat f"));
    String out = run(line, dir);
    assertThat(out).doesNotContain("ADMIN-SECRET-1", "OTHER-USER-SECRET-3").contains("ok");
    assertThat(Files.readString(home.resolve("f"))).isEqualTo("ok\n");
  }
}
