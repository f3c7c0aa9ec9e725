package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.CageExtension;
import dci.app.TestCage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import dci.app.cli.CliRun.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The dci CLI against real blades: login, status, users, global options and exit codes. */
@ExtendWith(CageExtension.class)
class CliTest {
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();


  @BeforeEach
  void environment() {
    env.put("XDG_CONFIG_HOME", home.toString());
  }

  private Run dci(String... args) {
    return CliRun.dci(env, args);
  }

  private void login(TestCage cage, int blade) {
    Run r = dci("--url", cage.url(blade), "login", "--user", "admin", "--password-file", cage.adminPasswordFile().toString());
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void loginSavesTheTokenWithMode600AndStatusListsEveryBladeUpInJson(TestCage cage) throws Exception {
    login(cage, 3);
    Path credentials = home.resolve("dci/credentials");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
    env.put("DCI_URL", cage.url(1));
    Run before = dci("--output", "json", "status");
    Run after = dci("status", "--output", "json");
    for (Run r : new Run[] {before, after}) {
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode blades = r.json();
      assertThat(blades).hasSize(3);
      blades.forEach(b -> assertThat(b.get("status").asText()).isEqualTo("Up"));
    }
    Run table = dci("status");
    assertThat(table.out()).startsWith("NAME").contains("blade-1", "blade-2", "blade-3", "Up");
  }

  @Test
  void statusWithoutLoginExits3WithOneLineOnStderr(TestCage cage) {
    Run r = dci("--url", cage.url(1), "status");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err().strip()).startsWith("dci: not logged in").doesNotContain("\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aBadTokenFromTheEnvironmentExits3(TestCage cage) {
    env.put("DCI_TOKEN", "dci1.bogus");
    assertThat(dci("--url", cage.url(2), "status").code()).isEqualTo(3);
  }

  @Test
  void unreachableApiExits4() {
    Path pw = home.resolve("pw");
    writeQuietly(pw, "whatever-password");
    Run r = dci("--url", "http://127.0.0.1:" + TestCage.freePort(), "login", "--user", "admin", "--password-file", pw.toString());
    assertThat(r.code()).isEqualTo(4);
    env.put("DCI_TOKEN", "t");
    Run s = dci("--url", "http://127.0.0.1:" + TestCage.freePort(), "status");
    assertThat(s.code()).isEqualTo(4);
    assertThat(s.err()).contains("cannot reach the DCI API");
  }

  private static void writeQuietly(Path p, String s) {
    try {
      Files.writeString(p, s);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void usageErrorsExit2() {
    assertThat(dci("status", "--no-such-flag").code()).isEqualTo(2);
    assertThat(dci("--output", "yaml", "status").code()).isEqualTo(2);
    assertThat(dci("users", "add", "bob").code()).as("--role is required").isEqualTo(2);
    assertThat(dci().code()).isEqualTo(2);
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] cmd : new String[][] {{"--help"}, {"cage", "--help"}, {"node", "--help"}, {"login", "--help"},
        {"logout", "--help"}, {"status", "--help"}, {"users", "--help"}, {"users", "add", "--help"},
        {"users", "remove", "--help"}, {"users", "list", "--help"}, {"users", "passwd", "--help"}}) {
      Run r = dci(cmd);
      assertThat(r.code()).as(String.join(" ", cmd)).isZero();
      assertThat(r.out()).contains("Usage:");
    }
  }

  @Test
  void adminManagesUsersAndAViewerIsRefusedWithExit5(TestCage cage) throws Exception {
    login(cage, 1);
    env.put("DCI_URL", cage.url(2));
    Run add = dci("users", "add", "cli-viewer", "--role", "viewer", "-o", "json");
    assertThat(add.code()).as(add.err()).isZero();
    String generated = add.json().get("password").asText();
    assertThat(generated).hasSizeGreaterThanOrEqualTo(16);
    Run list = dci("users", "list");
    assertThat(list.out()).contains("cli-viewer", "viewer");

    Path pw = home.resolve("viewer.pw");
    Files.writeString(pw, generated + "\n");
    Run viewerLogin = dci("--url", cage.url(3), "login", "--user", "cli-viewer", "--password-file", pw.toString());
    assertThat(viewerLogin.code()).as(viewerLogin.err()).isZero();
    Run refused = dci("users", "list");
    assertThat(refused.code()).isEqualTo(5);
    assertThat(refused.err()).startsWith("dci: forbidden");

    login(cage, 1);
    assertThat(dci("users", "remove", "cli-viewer").code()).isZero();
    assertThat(dci("users", "remove", "cli-viewer").code()).isEqualTo(1);
  }

  @Test
  void logoutForgetsTheSavedToken(TestCage cage) {
    login(cage, 2);
    env.put("DCI_URL", cage.url(2));
    assertThat(dci("logout").code()).isZero();
    assertThat(Files.exists(home.resolve("dci/credentials"))).isFalse();
    assertThat(dci("status").code()).isEqualTo(3);
  }
}
