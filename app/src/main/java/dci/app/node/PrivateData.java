package dci.app.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A blade's data directory belongs to the blade alone: made mode 700, and put back to 700 when
 * found looser, so no other account on the machine reaches the keys, the password file, the
 * replicated user table, the journal or any user's home through it.
 */
final class PrivateData {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  private PrivateData() {}

  static void ensure(Path dataDir) {
    try {
      if (!Files.exists(dataDir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(dataDir.getParent());
        try {
          Files.createDirectory(dataDir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
          // made meanwhile (another blade of the cage): checked below
        }
      }
      if (!Files.isDirectory(dataDir)) {
        throw new IOException("it is not a directory");
      }
      if (!Files.getPosixFilePermissions(dataDir).equals(OWNER_ONLY)) {
        Files.setPosixFilePermissions(dataDir, OWNER_ONLY);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the data directory " + dataDir + " private: " + e.getMessage(), e);
    }
  }
}
