package dci.app.moves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dci.storage.backup.UploadLimit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A home streamed from source to target: what arrives, and what is refused. */
class MoveStreamTest {
  @TempDir Path dir;

  @Test
  void aHomeArrivesWithItsFilesFoldersModesTimesAndLinks() throws IOException {
    Path home = dir.resolve("src/u1");
    Files.createDirectories(home.resolve("docs/deep"));
    byte[] big = new byte[3 << 20];
    new Random(7).nextBytes(big);
    Files.write(home.resolve("docs/big.bin"), big);
    Files.writeString(home.resolve("docs/deep/" + "n".repeat(150) + ".txt"), "a long name");
    Files.writeString(home.resolve("run.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(home.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.setLastModifiedTime(home.resolve("run.sh"), FileTime.fromMillis(1_600_000_000_000L));
    Files.createFile(home.resolve("empty"));
    Files.createSymbolicLink(home.resolve("link"), Path.of("docs/big.bin"));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MoveStream.Counts sent = MoveStream.write(home, out);
    Path into = Files.createDirectories(dir.resolve("dst/u1"));
    MoveStream.Counts got = MoveStream.read(new ByteArrayInputStream(out.toByteArray()), into, UploadLimit.NONE);

    assertThat(got).isEqualTo(sent).isEqualTo(new MoveStream.Counts(4, big.length + 11 + 10));
    assertThat(Files.readAllBytes(into.resolve("docs/big.bin"))).isEqualTo(big);
    assertThat(Files.readString(into.resolve("docs/deep/" + "n".repeat(150) + ".txt"))).isEqualTo("a long name");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(into.resolve("run.sh")))).isEqualTo("rwxr-x---");
    assertThat(Files.getLastModifiedTime(into.resolve("run.sh")).toMillis()).isEqualTo(1_600_000_000_000L);
    assertThat(Files.size(into.resolve("empty"))).isZero();
    assertThat(Files.readSymbolicLink(into.resolve("link"))).isEqualTo(Path.of("docs/big.bin"));
  }

  @Test
  void aHomeThatDoesNotExistArrivesEmpty() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MoveStream.write(dir.resolve("nobody"), out);
    Path into = Files.createDirectories(dir.resolve("dst"));
    assertThat(MoveStream.read(new ByteArrayInputStream(out.toByteArray()), into, UploadLimit.NONE))
        .isEqualTo(new MoveStream.Counts(0, 0));
    assertThat(into).isEmptyDirectory();
  }

  @Test
  void aStreamCutShortIsRefusedEvenAtAnEntrysBoundary() throws IOException {
    Path home = Files.createDirectories(dir.resolve("src"));
    Files.writeString(home.resolve("a"), "x".repeat(1000));
    Files.writeString(home.resolve("b"), "y".repeat(1000));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MoveStream.write(home, out);
    byte[] all = out.toByteArray();
    int firstEntry = 512 + 1024; // a's header and its data padded to records
    Path into = Files.createDirectories(dir.resolve("dst"));
    assertThatThrownBy(() -> MoveStream.read(new ByteArrayInputStream(Arrays.copyOf(all, firstEntry)), into,
        UploadLimit.NONE)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> MoveStream.read(tar(file("a", "x")), Files.createDirectories(dir.resolve("dst1")),
        UploadLimit.NONE)).as("a whole tar without the count").hasMessageContaining("ended early");
    assertThatThrownBy(() -> MoveStream.read(new ByteArrayInputStream(Arrays.copyOf(all, 700)),
        Files.createDirectories(dir.resolve("dst2")), UploadLimit.NONE)).isInstanceOf(IOException.class);
  }

  @Test
  void namesThatLeaveTheHomeOrGoThroughALinkAreRefusedAndNothingIsWrittenOutside() throws IOException {
    Path into = Files.createDirectories(dir.resolve("dst/u1"));
    assertThatThrownBy(() -> MoveStream.read(tar(file("../escaped", "x")), into, UploadLimit.NONE))
        .hasMessageContaining("leaves the home");
    assertThat(dir.resolve("dst/escaped")).doesNotExist();
    Path outside = Files.createDirectories(dir.resolve("outside"));
    TarArchiveEntry link = new TarArchiveEntry("l", TarConstants.LF_SYMLINK);
    link.setLinkName(outside.toString());
    assertThatThrownBy(() -> MoveStream.read(tar(link, file("l/planted", "x")),
        Files.createDirectories(dir.resolve("dst/u2")), UploadLimit.NONE)).hasMessageContaining("through a link");
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void aCapSlowsTheCopyToAboutTheLimit() throws IOException {
    Path home = Files.createDirectories(dir.resolve("src"));
    Files.write(home.resolve("f"), new byte[3 << 20]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MoveStream.write(home, out);
    long t0 = System.nanoTime();
    MoveStream.read(new ByteArrayInputStream(out.toByteArray()), Files.createDirectories(dir.resolve("dst")),
        UploadLimit.of(2 << 20));
    assertThat((System.nanoTime() - t0) / 1e9).as("seconds for 3 MiB at 2 MiB/s").isGreaterThan(0.9);
  }

  private static TarArchiveEntry file(String name, String data) {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(data.length());
    return e;
  }

  private static ByteArrayInputStream tar(TarArchiveEntry... entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      for (TarArchiveEntry e : entries) {
        t.putArchiveEntry(e);
        if (e.isFile()) {
          t.write("x".repeat((int) e.getSize()).getBytes(StandardCharsets.UTF_8));
        }
        t.closeArchiveEntry();
      }
    }
    return new ByteArrayInputStream(out.toByteArray());
  }
}
