package dci.storage.vnas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dci.storage.disk.DirectIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stripe files: the id checked on write, the recorded CRC-32C on ordinary reads, the hash on scrub. */
class StripeFilesTest {
  @TempDir
  Path dir;

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void aWrittenStripeReadsBackCheckedAndVerified() throws IOException {
    StripeFiles files = new StripeFiles(dir);
    byte[] b = bytes(100_000, 1);
    String id = StripeFiles.sha256(ByteBuffer.wrap(b));
    files.write(id, ByteBuffer.wrap(b));
    assertThat(files.readChecked(id)).get().isEqualTo(b);
    assertThat(files.readVerified(id)).get().isEqualTo(b);
    assertThat(files.readChecked("0".repeat(64))).isEmpty();
  }

  @Test
  void bytesThatDoNotMatchTheirIdAreRefused() throws IOException {
    StripeFiles files = new StripeFiles(dir);
    byte[] b = bytes(1000, 2);
    String wrong = StripeFiles.sha256(ByteBuffer.wrap(bytes(1000, 3)));
    assertThatThrownBy(() -> files.write(wrong, ByteBuffer.wrap(b))).isInstanceOf(IllegalArgumentException.class);
    assertThat(Files.exists(files.pathOf(wrong))).isFalse();
  }

  @Test
  void aFlippedByteInPlaceIsCaughtByTheRecordedCrc() throws IOException {
    StripeFiles files = new StripeFiles(dir);
    byte[] b = bytes(64 * 1024, 4);
    String id = StripeFiles.sha256(ByteBuffer.wrap(b));
    files.writeHashed(id, ByteBuffer.wrap(b), true);
    Path f = files.pathOf(id);
    boolean recorded = Files.getFileAttributeView(f, UserDefinedFileAttributeView.class).list().contains("dci.crc32c");
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) { // same file, same attributes
      ch.write(ByteBuffer.wrap(new byte[] {(byte) (b[500] ^ 0x40)}), 500);
    }
    assertThatThrownBy(() -> files.readChecked(id)).isInstanceOf(StripeFiles.CorruptStripeException.class);
    assertThatThrownBy(() -> files.readVerified(id)).isInstanceOf(StripeFiles.CorruptStripeException.class);
    assertThat(recorded).as("this file system keeps user attributes (ext4, tmpfs): the CRC was recorded").isTrue();
  }

  @Test
  void aFileWithoutARecordedCrcIsHashed() throws IOException {
    StripeFiles files = new StripeFiles(dir);
    byte[] b = bytes(10_000, 5);
    String id = StripeFiles.sha256(ByteBuffer.wrap(b));
    Path f = files.pathOf(id);
    Files.createDirectories(f.getParent());
    Files.write(f, b); // as an older blade wrote it: no attribute
    assertThat(files.readChecked(id)).get().isEqualTo(b);
    b[0] ^= 1;
    Files.write(f, b);
    assertThatThrownBy(() -> files.readChecked(id)).isInstanceOf(StripeFiles.CorruptStripeException.class);
  }

  @Test
  void aStoreWritesAndReadsPastThePageCacheAndEveryLengthComesBackWhole() throws IOException {
    StripeFiles files = StripeFiles.uncached(dir);
    int[] sizes = {1, 4095, 4096, 4097, 3 * 4096 + 17, 4 << 20, (4 << 20) + 1};
    for (int n : sizes) {
      byte[] b = bytes(n, n);
      String id = StripeFiles.sha256(ByteBuffer.wrap(b));
      files.writeHashed(id, ByteBuffer.wrap(b), true);
      assertThat(Files.size(files.pathOf(id))).as("size of a stripe of %d bytes", n).isEqualTo(n);
      assertThat(files.readChecked(id)).as("a stripe of %d bytes", n).get().isEqualTo(b);
      assertThat(files.readVerified(id)).get().isEqualTo(b);
    }
    byte[] b = bytes(64 * 1024, 6);
    String id = StripeFiles.sha256(ByteBuffer.wrap(b));
    files.writeHashed(id, ByteBuffer.wrap(b), true);
    try (FileChannel ch = FileChannel.open(files.pathOf(id), StandardOpenOption.WRITE)) { // through the cache
      ch.write(ByteBuffer.wrap(new byte[] {(byte) (b[9000] ^ 1)}), 9000);
    }
    assertThatThrownBy(() -> files.readChecked(id)).as("a read past the cache still sees a change made through it")
        .isInstanceOf(StripeFiles.CorruptStripeException.class);
  }

  @Test
  void directIoTakesWholeBlocksOnlyAndAStoreOnTmpfsWorksAlike() throws IOException {
    DirectIo io = new DirectIo();
    Path small = Files.createFile(dir.resolve("small"));
    assertThat(io.writeForced(small, ByteBuffer.wrap(bytes(100, 7)))).as("less than a block: not direct").isFalse();
    assertThat(Files.size(small)).isZero();
    for (int n : new int[] {4097, 8191, 12_345, 4096 * 5 + 1}) { // every misalignment of an odd length in one buffer
      Path f = Files.createFile(dir.resolve("odd" + n));
      byte[] b = bytes(n, n);
      java.util.List<ByteBuffer> parts = java.util.List.of(ByteBuffer.wrap(b, 0, n / 3), ByteBuffer.wrap(b, n / 3, n - n / 3));
      boolean wrote = io.writeForced(f, parts);
      assertThat(wrote).as("%d bytes in two parts on this file system", n).isEqualTo(io.supported());
      if (wrote) {
        assertThat(Files.readAllBytes(f)).isEqualTo(b);
        assertThat(io.read(f)).isEqualTo(b);
      }
    }
    Path shm = Path.of("/dev/shm");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm) && Files.getFileStore(shm).type().equals("tmpfs"),
        "needs a tmpfs at /dev/shm");
    Path tmpfs = Files.createTempDirectory(shm, "dci-stripes-");
    try { // tmpfs takes O_DIRECT on recent kernels and refuses it on older ones: either way a stripe comes back whole
      StripeFiles files = StripeFiles.uncached(tmpfs.resolve("stripes"));
      for (int n : new int[] {10_000, 4 << 20}) {
        byte[] b = bytes(n, 9);
        String id = StripeFiles.sha256(ByteBuffer.wrap(b));
        files.writeHashed(id, ByteBuffer.wrap(b), true);
        assertThat(files.readChecked(id)).get().isEqualTo(b);
      }
    } finally {
      try (var walk = Files.walk(tmpfs)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
