package dci.hardware;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A blade's disk: its data directory, created on first use. Figures come from the file
 * system that holds the directory. These calls touch the file system, so actors run them
 * on the blocking-I/O dispatcher.
 */
public final class Disk {
  private final Path dataDir;

  private Disk(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** Opens (and creates if needed) the data directory. */
  public static Disk at(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dir + ": " + e.getMessage(), e);
    }
    return new Disk(dir);
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Free and total bytes of the data directory's file system, read now. */
  public Usage usage() {
    try {
      FileStore store = Files.getFileStore(dataDir);
      return new Usage(store.getUsableSpace(), store.getTotalSpace());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read disk usage of " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** Free and total bytes. */
  public record Usage(long freeBytes, long totalBytes) {}
}
