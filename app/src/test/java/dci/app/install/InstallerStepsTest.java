package dci.app.install;

import static dci.app.install.TestPackages.sh;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Single steps on a blade: commands without a shell, timeouts, output caps, archive extraction. */
class InstallerStepsTest {
  private InstallBench bench;

  @BeforeEach
  void setUp(@TempDir Path tmp) throws Exception {
    bench = InstallBench.in(tmp);
  }

  private InstallResult install(String steps) throws Exception {
    return bench.install(new Installer(bench.root()), steps);
  }

  private InstallResult install(Installer installer, String steps) throws Exception {
    return bench.install(installer, steps);
  }

  private static void run(Path dir, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
  }

  @Test
  void commandsRunWithoutAShellInTheStagingDirectoryWithAMinimalEnvironment() throws Exception {
    InstallResult r = install("<run program=\"echo\"><arg>$HOME; ls *</arg></run><run program=\"env\">"
        + "<env name=\"GREETING\">hi there</env></run><run program=\"pwd\"/>");
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.steps().get(0).output()).isEqualTo("$HOME; ls *\n");
    Set<String> allowed = Set.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "JAVA_HOME", "GREETING");
    String env = r.steps().get(1).output();
    assertThat(env).contains("GREETING=hi there\n").contains("DCI_PACKAGE_NAME=tool\n")
        .contains("DCI_PACKAGE_VERSION=1.0\n").contains("DCI_PACKAGE_TARGET=" + bench.root().toAbsolutePath().resolve("tool"));
    assertThat(env.lines().map(l -> l.substring(0, l.indexOf('='))))
        .allMatch(k -> allowed.contains(k) || k.startsWith("DCI_PACKAGE_"));
    assertThat(r.steps().get(2).output()).startsWith(bench.root().toAbsolutePath().resolve(".staging/tool-1.0-").toString());
  }

  @Test
  void aCommandOutlivingItsTimeoutIsKilledAndTheStepFails() throws Exception {
    long start = System.nanoTime();
    InstallResult r = install(sh("echo started; sleep 30").replace("<run ", "<run timeout=\"1\" "));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    assertThat(r.ok()).isFalse();
    assertThat(r.failedStep().orElseThrow().output()).contains("timed out after 1 s").contains("started")
        .contains("[killed after 1 s]");
    assertThat(bench.root().resolve("tool")).doesNotExist();
  }

  @Test
  void aProgramThatDoesNotExistFailsItsStep() throws Exception {
    InstallResult r = install("<run program=\"no-such-program-dci\"/>");
    assertThat(r.failedStep().orElseThrow().output()).contains("could not run").contains("no-such-program-dci");
    InstallResult inPackage = install("<run program=\"bin/missing.sh\"/>");
    assertThat(inPackage.failedStep().orElseThrow().output()).contains("'bin/missing.sh' is not a file");
  }

  @Test
  void outputIsCappedKeepingItsHeadAndTail() throws Exception {
    Installer small = new Installer(bench.root(), new InstallLimits(1024, 100, 1 << 20));
    InstallResult r = install(small, sh("echo FIRST; i=0; while [ $i -lt 2000 ]; do echo line $i; i=$((i+1)); done;"
        + " echo LAST"));
    String out = r.steps().get(0).output();
    assertThat(r.ok()).isTrue();
    assertThat(out).startsWith("FIRST\n").endsWith("LAST\n").contains("bytes left out");
    assertThat(out.length()).isLessThan(1200);
  }

  @Test
  void tarGzAndZipArchivesAreExtractedWithStrip() throws Exception {
    Path stage = Files.createDirectories(bench.tmp().resolve("stage/app-1.0/bin"));
    Files.writeString(stage.resolve("tool"), "#!/bin/sh\necho tool\n");
    stage.resolve("tool").toFile().setExecutable(true);
    run(bench.tmp().resolve("stage"), "tar", "czf", bench.src().resolve("app.tar.gz").toString(), "app-1.0");
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("docs/"));
      z.putNextEntry(new ZipEntry("docs/readme.txt"));
      z.write("read me".getBytes(StandardCharsets.UTF_8));
    }
    Files.write(bench.src().resolve("docs.zip"), zip.toByteArray());
    InstallResult r = install("<extract from=\"app.tar.gz\" to=\"opt\" strip=\"1\"/><extract from=\"docs.zip\"/>"
        + "<verify program=\"opt/bin/tool\"/>");
    assertThat(r.ok()).as(r.message() + r.steps()).isTrue();
    assertThat(r.steps().get(2).output()).isEqualTo("tool\n");
    assertThat(Files.readString(bench.root().resolve("tool/docs/readme.txt"))).isEqualTo("read me");
    assertThat(bench.root().resolve("tool/app-1.0")).doesNotExist();
  }

  @Test
  void longNamesInGnuAndPaxTarArchivesAreRead() throws Exception {
    String deep = "d".repeat(90) + "/" + "e".repeat(90);
    Path stage = Files.createDirectories(bench.tmp().resolve("stage/" + deep));
    Files.writeString(stage.resolve("f".repeat(120) + ".txt"), "deep");
    run(bench.tmp().resolve("stage"), "tar", "--format=gnu", "-cf", bench.src().resolve("gnu.tar").toString(), "d".repeat(90));
    run(bench.tmp().resolve("stage"), "tar", "--format=posix", "-cf", bench.src().resolve("pax.tar").toString(), "d".repeat(90));
    InstallResult r = install("<extract from=\"gnu.tar\" to=\"gnu\"/><extract from=\"pax.tar\" to=\"pax\"/>");
    assertThat(r.ok()).as(r.message() + r.steps()).isTrue();
    for (String format : new String[] {"gnu", "pax"}) {
      assertThat(Files.readString(bench.root().resolve("tool/" + format + "/" + deep + "/" + "f".repeat(120) + ".txt")))
          .isEqualTo("deep");
    }
  }

  @Test
  void archiveEntriesThatAreLinksOrEscapeAreRefused() throws Exception {
    Path stage = Files.createDirectories(bench.tmp().resolve("stage"));
    Files.createSymbolicLink(stage.resolve("passwd"), Path.of("/etc/passwd"));
    run(stage, "tar", "cf", bench.src().resolve("links.tar").toString(), "passwd");
    InstallResult links = install("<extract from=\"links.tar\"/>");
    assertThat(links.failedStep().orElseThrow().output()).contains("'passwd' refused: is a symbolic link");
    Files.delete(bench.src().resolve("links.tar"));

    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("ok.txt"));
      z.putNextEntry(new ZipEntry("../../escaped.txt"));
      z.write("gotcha".getBytes(StandardCharsets.UTF_8));
    }
    Files.write(bench.src().resolve("evil.zip"), zip.toByteArray());
    InstallResult evil = install("<extract from=\"evil.zip\"/>");
    assertThat(evil.failedStep().orElseThrow().output()).contains("'../../escaped.txt' refused: '..' segment");
    assertThat(bench.tmp().resolve("escaped.txt")).doesNotExist();
    assertThat(bench.root().resolve("escaped.txt")).doesNotExist();
    assertThat(bench.root().resolve("tool")).doesNotExist();
  }

  @Test
  void anArchiveOverTheExtractionCapIsRefused() throws Exception {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("zeros.bin"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 4; i++) {
        z.write(zeros);
      }
    }
    Files.write(bench.src().resolve("bomb.zip"), zip.toByteArray());
    Installer capped = new Installer(bench.root(), new InstallLimits(1024, 100, 1 << 20));
    InstallResult r = install(capped, "<extract from=\"bomb.zip\"/>");
    assertThat(r.failedStep().orElseThrow().output()).contains("expands past the 1048576-byte limit");
    assertThat(bench.root().resolve("tool")).doesNotExist();
    try (var left = Files.list(bench.root().resolve(".staging"))) {
      assertThat(left).isEmpty();
    }
  }
}
