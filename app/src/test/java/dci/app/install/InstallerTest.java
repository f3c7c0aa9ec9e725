package dci.app.install;

import static dci.app.install.TestPackages.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.VerifiedPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer on real files and processes: commit, rollback, upgrade, uninstall, escapes. */
class InstallerTest {
  private static final Map<String, String> HELLO = Map.of("bin/hello.sh", "#!/bin/sh\necho hello \"$@\"\n");
  private static final String INSTALL = "<install><copy from=\"bin/hello.sh\"/><mode path=\"bin/hello.sh\" mode=\"750\"/>"
      + sh("mkdir -p var && echo v1 > var/state && echo configured") + "<service name=\"hello-daemon\" program=\"bin/hello.sh\">"
      + "<arg>serve</arg></service><verify program=\"bin/hello.sh\"><arg>--version</arg></verify></install>";

  @TempDir Path tmp;
  private Path root;
  private Installer installer;
  private TestPackages packages;

  @BeforeEach
  void setUp() {
    root = tmp.resolve("data/packages");
    installer = new Installer(root);
    packages = new TestPackages(tmp);
  }

  private VerifiedPackage hello(String version, String body) throws Exception {
    return packages.build("hello", version, body, HELLO);
  }

  private long stagingEntries() throws Exception {
    if (!Files.isDirectory(root.resolve(".staging"))) {
      return 0;
    }
    try (Stream<Path> s = Files.list(root.resolve(".staging"))) {
      return s.count();
    }
  }

  @Test
  void anInstallCopiesSetsModesRunsAndVerifiesThenCommits() throws Exception {
    InstallResult r = installer.install(hello("1.0.0", INSTALL));
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.action()).isEqualTo(InstallAction.INSTALL);
    assertThat(r.steps()).extracting(StepResult::kind).containsExactly("copy", "mode", "run", "service", "verify");
    assertThat(r.steps()).allMatch(StepResult::ok);
    assertThat(r.steps().get(2).output()).isEqualTo("configured\n");
    assertThat(r.steps().get(4).output()).isEqualTo("hello --version\n");
    assertThat(r.services()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("hello-daemon"));
    Path dir = root.resolve("hello");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("bin/hello.sh"))))
        .isEqualTo("rwxr-x---");
    assertThat(Files.readString(dir.resolve("var/state"))).isEqualTo("v1\n");
    assertThat(installer.installed("hello")).hasValueSatisfying(p -> {
      assertThat(p.version()).hasToString("1.0.0");
      assertThat(p.keyId()).isEqualTo(dci.protocol.pkg.PackageKeys.keyId(TestPackages.KEY.getPublic()));
    });
    assertThat(installer.list()).extracting(InstalledPackage::name).containsExactly("hello");
    assertThat(stagingEntries()).isZero();
  }

  @Test
  void aFailingStepRollsBackLeavingNothingAndReportsItsOutput() throws Exception {
    InstallResult r = installer.install(hello("1.0.0", "<install><copy from=\"bin/hello.sh\"/>"
        + sh("echo about to fail; echo oops >&2; exit 3") + "<verify program=\"bin/hello.sh\"/></install>"));
    assertThat(r.ok()).isFalse();
    assertThat(r.message()).contains("step 2").contains("failed").contains("rolled back");
    assertThat(r.failedStep()).hasValueSatisfying(s -> {
      assertThat(s.index()).isEqualTo(2);
      assertThat(s.output()).contains("exited with status 3").contains("about to fail").contains("oops");
    });
    assertThat(r.steps().get(2).status()).isEqualTo(StepResult.Status.SKIPPED);
    assertThat(root.resolve("hello")).doesNotExist();
    assertThat(installer.installed("hello")).isEmpty();
    assertThat(stagingEntries()).isZero();
  }

  @Test
  void aFailedUpgradeLeavesThePreviousVersionIntact() throws Exception {
    assertThat(installer.install(hello("1.0.0", INSTALL)).ok()).isTrue();
    InstallResult r = installer.install(hello("1.1.0", INSTALL.replace("v1", "v2")
        + "<upgrade><copy from=\"bin/hello.sh\"/>" + sh("echo v2 > var/state; echo broken; exit 1") + "</upgrade>"));
    assertThat(r.ok()).isFalse();
    assertThat(r.action()).isEqualTo(InstallAction.UPGRADE);
    assertThat(r.failedStep().orElseThrow().output()).contains("broken");
    assertThat(installer.installed("hello").orElseThrow().version()).hasToString("1.0.0");
    assertThat(Files.readString(root.resolve("hello/var/state"))).isEqualTo("v1\n");
    assertThat(stagingEntries()).isZero();
  }

  @Test
  void anUpgradeRunsTheUpgradeStepsOverACopyOfThePreviousVersion() throws Exception {
    assertThat(installer.install(hello("1.0.0", INSTALL)).ok()).isTrue();
    InstallResult r = installer.install(hello("1.1.0", INSTALL.replace("v1", "fresh")
        + "<upgrade><copy from=\"bin/hello.sh\"/>" + sh("echo \"$DCI_PACKAGE_PREVIOUS_VERSION\" > var/from") + "</upgrade>"));
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.action()).isEqualTo(InstallAction.UPGRADE);
    assertThat(r.previous()).hasToString("1.0.0");
    assertThat(r.steps()).extracting(StepResult::kind).containsExactly("copy", "run");
    Path dir = root.resolve("hello");
    assertThat(Files.readString(dir.resolve("var/state"))).as("kept from 1.0.0").isEqualTo("v1\n");
    assertThat(Files.readString(dir.resolve("var/from"))).isEqualTo("1.0.0\n");
    assertThat(installer.installed("hello").orElseThrow().version()).hasToString("1.1.0");
    assertThat(stagingEntries()).isZero();
  }

  @Test
  void anUpgradeWithoutUpgradeStepsRunsTheInstallStepsAfresh() throws Exception {
    assertThat(installer.install(hello("1.0.0", INSTALL + "<uninstall/>")).ok()).isTrue();
    Files.writeString(root.resolve("hello/var/leftover"), "x");
    InstallResult r = installer.install(hello("2.0", INSTALL.replace("v1", "v2")));
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.steps()).hasSize(5);
    assertThat(Files.readString(root.resolve("hello/var/state"))).isEqualTo("v2\n");
    assertThat(root.resolve("hello/var/leftover")).doesNotExist();
  }

  @Test
  void theSameVersionIsANoOpAndOlderOrDifferentContentIsRefused() throws Exception {
    VerifiedPackage v1 = hello("1.0.0", INSTALL);
    assertThat(installer.install(v1).ok()).isTrue();
    InstallResult again = installer.install(v1);
    assertThat(again.ok()).isTrue();
    assertThat(again.action()).isEqualTo(InstallAction.UNCHANGED);
    assertThat(again.steps()).isEmpty();
    InstallResult different = installer.install(hello("1.0.0", INSTALL.replace("v1", "other")));
    assertThat(different.ok()).isFalse();
    assertThat(different.message()).contains("different content");
    assertThat(installer.install(hello("2.0.0", INSTALL)).ok()).isTrue();
    InstallResult older = installer.install(v1);
    assertThat(older.ok()).isFalse();
    assertThat(older.message()).contains("newer than 1.0.0");
    assertThat(installer.installed("hello").orElseThrow().version()).hasToString("2.0.0");
  }

  @Test
  void uninstallRunsItsStepsAndRemovesTheDirectory() throws Exception {
    Path mark = tmp.resolve("uninstalled.txt");
    assertThat(installer.install(hello("1.0.0", INSTALL + "<uninstall>" + sh("bin/hello.sh stopping > " + mark)
        + "</uninstall>")).ok()).isTrue();
    InstallResult r = installer.uninstall("hello");
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.action()).isEqualTo(InstallAction.UNINSTALL);
    assertThat(r.steps()).singleElement().satisfies(s -> assertThat(s.ok()).isTrue());
    assertThat(Files.readString(mark)).isEqualTo("hello stopping\n");
    assertThat(root.resolve("hello")).doesNotExist();
    assertThat(installer.installed("hello")).isEmpty();
    assertThat(stagingEntries()).isZero();
    InstallResult again = installer.uninstall("hello");
    assertThat(again.ok()).isTrue();
    assertThat(again.action()).isEqualTo(InstallAction.UNCHANGED);
  }

  @Test
  void aFailingUninstallStepKeepsThePackageInstalled() throws Exception {
    assertThat(installer.install(hello("1.0.0", INSTALL + "<uninstall>" + sh("echo still running; exit 7")
        + "</uninstall>")).ok()).isTrue();
    InstallResult r = installer.uninstall("hello");
    assertThat(r.ok()).isFalse();
    assertThat(r.message()).contains("stays installed");
    assertThat(r.failedStep().orElseThrow().output()).contains("status 7").contains("still running");
    assertThat(installer.installed("hello")).isPresent();
  }

  @Test
  void aStepPathEscapingTheInstallDirectoryIsRefused() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    InstallResult r = installer.install(hello("1.0.0", "<install>" + sh("ln -s " + outside + " lib")
        + "<copy from=\"bin/hello.sh\" to=\"lib/hello.sh\"/></install>"));
    assertThat(r.ok()).isFalse();
    assertThat(r.failedStep().orElseThrow().output()).contains("symbolic link 'lib'");
    assertThat(outside.resolve("hello.sh")).doesNotExist();
    assertThat(root.resolve("hello")).doesNotExist();
    InstallResult mode = installer.install(hello("1.0.0", "<install>" + sh("ln -s /etc/passwd pw")
        + "<mode path=\"pw\" mode=\"777\"/></install>"));
    assertThat(mode.failedStep().orElseThrow().output()).contains("symbolic link 'pw'");
    Path base = tmp.toAbsolutePath();
    for (String bad : new String[] {"../x", "/etc/passwd", "a/../../x", "a\\..\\x", ".dci/manifest.xml"}) {
      assertThatThrownBy(() -> InstallPaths.resolve(base, "copy to", bad)).as(bad).isInstanceOf(PackageException.class);
    }
    assertThatThrownBy(() -> new dci.protocol.pkg.CopyStep("bin/hello.sh", "../../etc/cron.d/x"))
        .isInstanceOf(PackageException.class).hasMessageContaining("'..'");
  }

  @Test
  void aPeerletPackageWithoutItsJarIsRolledBack() throws Exception {
    InstallResult r = installer.install(hello("1.0.0", "<peerlet app-type=\"hello\" main-class=\"x.Hello\" jar=\"lib/h.jar\"/>"
        + INSTALL));
    assertThat(r.ok()).isFalse();
    assertThat(r.message()).contains("peerlet hello").contains("lib/h.jar");
    assertThat(root.resolve("hello")).doesNotExist();
  }

  @Test
  void recoveryPutsBackAVersionAnInterruptedCommitLeftAside() throws Exception {
    assertThat(installer.install(hello("1.0.0", INSTALL)).ok()).isTrue();
    Files.move(root.resolve("hello"), root.resolve(".staging/hello-1.0.0-abc.previous"));
    Files.createDirectories(root.resolve(".staging/hello-1.1.0-def/bin"));
    assertThat(installer.recover()).containsExactlyInAnyOrder("put back hello-1.0.0-abc.previous",
        "deleted hello-1.1.0-def");
    assertThat(installer.installed("hello").orElseThrow().version()).hasToString("1.0.0");
    assertThat(stagingEntries()).isZero();
  }
}
