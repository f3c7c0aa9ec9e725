package dci.app.install;

import static org.assertj.core.api.Assertions.assertThat;

import dci.app.install.TarArchives.Format;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Extract steps over tar payloads in every compression an extract step takes: each installs, and
 * each refuses the same hostile archives (an escaping name, a link out, an entry over the cap, a
 * bomb) with the same error and nothing left behind.
 */
class TarFormatsTest {
  private static final InstallLimits ONE_MIB = new InstallLimits(1024, 100, 1 << 20);

  private InstallBench bench;

  @BeforeEach
  void setUp(@TempDir Path tmp) throws Exception {
    bench = InstallBench.in(tmp);
  }

  /** Installs package "tool" whose payload is {@code archive} (named {@code name}), extracted with {@code attributes}. */
  private InstallResult install(InstallLimits limits, String name, byte[] archive, String attributes) throws Exception {
    Files.write(bench.src().resolve(name), archive);
    return bench.install(new Installer(bench.root(), limits), "<extract from=\"" + name + "\" " + attributes + "/>");
  }

  private String refusal(Format format, TarArchives archive) throws Exception {
    InstallResult r = install(ONE_MIB, "evil" + format.suffix, archive.in(format), "");
    assertThat(r.ok()).isFalse();
    assertThat(bench.root().resolve("tool")).doesNotExist();
    assertThat(bench.tmp().resolve("escaped.txt")).doesNotExist();
    try (Stream<Path> left = Files.list(bench.root().resolve(".staging"))) {
      assertThat(left).isEmpty();
    }
    return r.failedStep().orElseThrow().output();
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void everyFormatInstallsWithStripAndModes(Format format) throws Exception {
    byte[] archive = new TarArchives().dir("app-1.0").dir("app-1.0/bin")
        .file("app-1.0/bin/tool", "#!/bin/sh\necho tool\n".getBytes(StandardCharsets.UTF_8), 0755)
        .file("app-1.0/" + "long-".repeat(30) + "name.txt", "long").in(format);
    InstallResult r = install(InstallLimits.DEFAULT, "app" + format.suffix, archive, "to=\"opt\" strip=\"1\"");
    assertThat(r.ok()).as(r.message() + r.steps()).isTrue();
    String compression = format == Format.TAR ? "a tar" : "a " + format.name().toLowerCase() + " tar";
    assertThat(r.steps().get(0).output()).contains("extracted 2 files and 1 directories").contains("from " + compression);
    Path tool = bench.root().resolve("tool/opt/bin/tool");
    assertThat(Files.readString(tool)).isEqualTo("#!/bin/sh\necho tool\n");
    assertThat(Files.isExecutable(tool)).isTrue();
    assertThat(Files.readString(bench.root().resolve("tool/opt/" + "long-".repeat(30) + "name.txt"))).isEqualTo("long");
    assertThat(bench.root().resolve("tool/app-1.0")).doesNotExist();
  }

  @Test
  void theCompressionIsToldByTheBytesNotTheName() throws Exception {
    InstallResult zipAsTar = install(InstallLimits.DEFAULT, "zip.tar", "PK\u0003\u0004rest".getBytes(StandardCharsets.ISO_8859_1), "");
    assertThat(zipAsTar.failedStep().orElseThrow().output()).isEqualTo("zip.tar is a ZIP archive, not a tar: name it .zip");
    InstallResult gzAsZip = install(InstallLimits.DEFAULT, "gz.zip", Format.GZIP.compress(new byte[10]), "");
    assertThat(gzAsZip.failedStep().orElseThrow().output()).isEqualTo("gz.zip is not a ZIP archive (it is gzip-compressed)");
    byte[] xz = new TarArchives().file("readme.txt", "xz inside").in(Format.XZ);
    InstallResult r = install(InstallLimits.DEFAULT, "misnamed.tar.gz", xz, "");
    assertThat(r.ok()).as(r.message() + r.steps()).isTrue();
    assertThat(r.steps().get(0).output()).contains("from a xz tar");
    assertThat(Files.readString(bench.root().resolve("tool/readme.txt"))).isEqualTo("xz inside");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void anEntryEscapingTheDirectoryIsRefused(Format format) throws Exception {
    String out = refusal(format, new TarArchives().file("ok.txt", "fine").file("../../escaped.txt", "gotcha"));
    assertThat(out).isEqualTo("evil" + format.suffix + ": entry '../../escaped.txt' refused: '..' segment");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void linksPointingOutAreRefused(Format format) throws Exception {
    assertThat(refusal(format, new TarArchives().link("passwd", "/etc/passwd", true)))
        .isEqualTo("evil" + format.suffix + ": entry 'passwd' refused: is a symbolic link: archives may hold regular"
            + " files and directories only");
    assertThat(refusal(format, new TarArchives().link("shadow", "../../etc/shadow", false)))
        .contains("entry 'shadow' refused: is a hard link");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void anEntryOverTheCapIsRefusedBeforeItIsWritten(Format format) throws Exception {
    byte[] noise = new byte[(1 << 20) + 1];
    new Random(7).nextBytes(noise);
    String out = refusal(format, new TarArchives().file("noise.bin", noise, 0644));
    assertThat(out).isEqualTo("evil" + format.suffix + " expands past the 1048576-byte limit");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void aBombIsRefusedEvenWhereItsBytesWouldOnlyBeSkipped(Format format) throws Exception {
    // strip="1" drops the top-level zeros.bin: its 16 MiB are never written, only read past
    TarArchives bomb = new TarArchives().file("zeros.bin", new byte[16 << 20], 0644).file("top/ok.txt", "ok");
    byte[] archive = bomb.in(format);
    if (format != Format.TAR) {
      assertThat(archive.length).as("a bomb: 500 times smaller than what it expands to").isLessThan((16 << 20) / 500);
    }
    InstallResult r = install(ONE_MIB, "bomb" + format.suffix, archive, "strip=\"1\"");
    assertThat(r.failedStep().orElseThrow().output()).isEqualTo("bomb" + format.suffix
        + " expands past the 1048576-byte limit");
    assertThat(bench.root().resolve("tool")).doesNotExist();
  }

  @Test
  void namesMadeAbsoluteByAnExtendedHeaderStayAbsoluteAndAreRefused() throws Exception {
    String deep = "/tmp/" + "x".repeat(120) + "/escaped.txt";
    assertThat(refusal(Format.TAR, new TarArchives().file("/escaped.txt", "short"))).contains("absolute path");
    assertThat(refusal(Format.TAR, new TarArchives().file(deep, "pax"))).contains("absolute path");
    assertThat(refusal(Format.TAR, new TarArchives().gnu().file(deep, "gnu"))).contains("absolute path");
  }

  @Test
  void anOversizedExtendedHeaderAndBytesThatAreNoTarAreRefused() throws Exception {
    assertThat(refusal(Format.GZIP, new TarArchives().fileWithComment("f.txt", 1_200_000)))
        .startsWith("evil.tar.gz: not a readable tar archive: tar extended header of").endsWith("refused (at most 1048576)");
    InstallResult text = install(ONE_MIB, "notes.tar", "just some text, no tar at all\n".repeat(40)
        .getBytes(StandardCharsets.UTF_8), "");
    assertThat(text.failedStep().orElseThrow().output()).startsWith("notes.tar: not a readable tar archive");
  }
}
