package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.CageExtension;
import dci.app.TestCluster;
import dci.app.cli.CliRun.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * dci package publish|list|trust, dci install, packages, follow and uninstall against the shared
 * three-blade cage, which trusts no publisher key until the test trusts one.
 */
@ExtendWith(CageExtension.class)
class PackageClusterCliTest {
  @TempDir Path home;

  private Run dci(TestCluster cage, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("XDG_CONFIG_HOME", home.toString());
    String[] all = new String[args.length + 2];
    all[0] = "--url";
    all[1] = cage.url(1);
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.dci(env, all);
  }

  private Path build(TestCluster cage, String version, String steps) throws Exception {
    Path src = Files.createDirectories(home.resolve("src-" + version));
    Files.writeString(src.resolve("manifest.xml"), "<manifest><name>clihello</name><version>" + version
        + "</version><description>CLI test</description><install>" + steps + "</install></manifest>");
    Files.writeString(src.resolve("hello.txt"), "hello " + version + "\n");
    Path pkg = home.resolve("clihello-" + version + ".dcipkg");
    Run b = dci(cage, "package", "build", src.toString(), "--key", home.resolve("acme.key").toString(), "--out",
        pkg.toString());
    assertThat(b.code()).as(b.err()).isZero();
    return pkg;
  }

  @Test
  void anOperatorPublishesInstallsFollowsAndUninstallsFromTheCommandLine(TestCluster cage) throws Exception {
    assertThat(dci(cage, "login", "--user", "admin", "--password-file", cage.adminPasswordFile().toString()).code())
        .isZero();
    assertThat(dci(cage, "package", "keygen", "--out", home.resolve("acme").toString()).code()).isZero();
    Path one = build(cage, "1.0", "<copy from=\"hello.txt\"/>");

    Run untrusted = dci(cage, "package", "publish", one.toString());
    assertThat(untrusted.code()).isEqualTo(1);
    assertThat(untrusted.err()).contains("no blade trusts");
    Run trust = dci(cage, "package", "trust", home.resolve("acme.pub").toString());
    assertThat(trust.code()).as(trust.err()).isZero();
    assertThat(trust.out()).contains("every blade trusts key");
    Run publish = dci(cage, "-o", "json", "package", "publish", one.toString());
    assertThat(publish.code()).as(publish.err()).isZero();
    assertThat(publish.json().get("vnasPath").asText()).isEqualTo("/.packages/clihello/1.0.dcipkg");
    assertThat(dci(cage, "package", "list").out()).contains("clihello").contains("1.0");

    Run install = dci(cage, "install", "clihello", "--on", "all");
    assertThat(install.code()).as(install.out() + install.err()).isZero();
    assertThat(install.out()).contains("BLADE").contains("blade-1").contains("blade-3").contains("install clihello: 3 "
        + "blade(s), 0 failed");
    assertThat(install.err()).contains("blade-2").contains("installed 1.0");

    Path two = build(cage, "2.0", "<copy from=\"hello.txt\"/><run program=\"sh\"><arg>-c</arg>"
        + "<arg>echo cannot configure; exit 4</arg></run>");
    assertThat(dci(cage, "package", "publish", two.toString()).code()).isZero();
    Run failed = dci(cage, "install", "clihello@2.0", "--on", "blade-2");
    assertThat(failed.code()).isEqualTo(1);
    assertThat(failed.out()).contains("failed").contains("blade-2: step 2").contains("cannot configure");

    Run inv = dci(cage, "-o", "json", "packages", "--blade", "blade-2");
    assertThat(inv.code()).as(inv.err()).isZero();
    JsonNode rows = inv.json().get("packages");
    assertThat(rows.findValuesAsText("version")).contains("1.0");
    assertThat(dci(cage, "packages", "--blade", "blade-3").out()).contains("clihello").contains("1.0");

    Run follow = dci(cage, "follow", "clihello", "--on", "blade-3");
    assertThat(follow.code()).as(follow.out()).isEqualTo(1);
    assertThat(follow.out()).contains("cannot configure");
    assertThat(dci(cage, "-o", "json", "packages", "--blade", "blade-3").json().get("follows").toString())
        .contains("clihello");
    assertThat(dci(cage, "follow", "clihello", "--on", "blade-3", "--stop").code()).isZero();

    Run uninstall = dci(cage, "uninstall", "clihello", "--on", "all");
    assertThat(uninstall.code()).as(uninstall.out()).isZero();
    assertThat(dci(cage, "-o", "json", "packages", "--blade", "blade-1").json().get("packages")).isEmpty();
    Run missing = dci(cage, "install", "nosuch", "--on", "all");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("no version of nosuch is published");
  }
}
