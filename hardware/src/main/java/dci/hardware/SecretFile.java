package dci.hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a secret to a file only its owner can read (mode 600), atomically. */
public final class SecretFile {
  private SecretFile() {}

  /** Writes {@code secret} and a newline to {@code target}, replacing it atomically. */
  public static void write(Path target, String secret) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      throw new IOException("another process is writing " + target, e);
    }
    Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Reads a secret written by {@link #write} (or by hand): the first line, trimmed of its end. */
  public static String read(Path source) throws IOException {
    String text = Files.readString(source, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    String first = nl >= 0 ? text.substring(0, nl) : text;
    return first.endsWith("\r") ? first.substring(0, first.length() - 1) : first;
  }
}
