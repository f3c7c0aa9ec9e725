package dci.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
  @TempDir Path tmp;

  @Test
  void writesTheSecretOnlyItsOwnerCanReadCreatingTheDirectory() throws Exception {
    Path file = tmp.resolve("a/b/admin.password");
    SecretFile.write(file, "s3cret-value");
    assertThat(Files.readString(file)).isEqualTo("s3cret-value\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(SecretFile.read(file)).isEqualTo("s3cret-value");
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing).as("no temporary file left").containsExactly(file);
    }
  }

  @Test
  void replacesAWorldReadableFileWithAPrivateOne() throws Exception {
    Path file = tmp.resolve("admin.password");
    Files.writeString(file, "old\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    SecretFile.write(file, "new-secret");
    assertThat(SecretFile.read(file)).isEqualTo("new-secret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void readTakesTheFirstLineWithoutItsEnd() throws Exception {
    Path file = tmp.resolve("by-hand");
    Files.writeString(file, "typed-by-hand\r\nsecond line\n");
    assertThat(SecretFile.read(file)).isEqualTo("typed-by-hand");
    Files.writeString(file, "no-newline");
    assertThat(SecretFile.read(file)).isEqualTo("no-newline");
  }

  @Test
  void aStaleTemporaryFileFromACrashIsNoObstacle() throws Exception {
    Path file = tmp.resolve("admin.password");
    Files.writeString(tmp.resolve(".admin.password.tmp"), "half-written");
    SecretFile.write(file, "fresh");
    assertThat(SecretFile.read(file)).isEqualTo("fresh");
    assertThat(tmp.resolve(".admin.password.tmp")).doesNotExist();
  }
}
