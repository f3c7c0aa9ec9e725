package dci.storage.backup;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Walks a backup root, leaving out excluded directories and extensions and symbolic links. */
public final class TreeScanner {
  /** A regular file found under the root. */
  public record Found(String path, Path file, long size, long mtime, String mode) {}

  /** The files found, by relative path, and what could not be read. */
  public record Scan(Map<String, Found> files, List<String> unreadable) {}

  private TreeScanner() {}

  public static Scan scan(Path root, BackupConfig config) {
    if (!Files.exists(root)) {
      throw new BackupException("the backup root " + root + " does not exist");
    }
    if (!Files.isDirectory(root)) {
      throw new BackupException("the backup root " + root + " is not a directory");
    }
    if (!Files.isReadable(root) || !Files.isExecutable(root)) {
      throw new BackupException("the backup root " + root + " cannot be read (permission denied)");
    }
    Map<String, Found> files = new TreeMap<>();
    List<String> unreadable = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (dir.equals(root)) {
            return FileVisitResult.CONTINUE;
          }
          String rel = relative(root, dir);
          String name = dir.getFileName().toString();
          return config.excludeDirs().contains(name) || config.excludeDirs().contains(rel)
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (!attrs.isRegularFile()) {
            return FileVisitResult.CONTINUE;
          }
          String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
          for (String ext : config.excludeExts()) {
            if (name.endsWith(ext)) {
              return FileVisitResult.CONTINUE;
            }
          }
          String rel = relative(root, file);
          if (rel.chars().anyMatch(c -> c < 0x20) || rel.contains("\\")) {
            unreadable.add(rel.replaceAll("\\p{Cntrl}", "?") + " (name cannot be archived)");
            return FileVisitResult.CONTINUE;
          }
          files.put(rel, new Found(rel, file, attrs.size(), attrs.lastModifiedTime().toMillis(), mode(file)));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
          unreadable.add(relative(root, file) + " (" + exc.getClass().getSimpleName() + ")");
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new BackupException("cannot walk the backup root " + root + ": " + e.getMessage(), e);
    }
    return new Scan(files, unreadable);
  }

  static String relative(Path root, Path p) {
    return root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
  }

  /**
   * The file's mode from attributes already read if they carry it (those read as
   * {@link PosixFileAttributes}; not those a tree walk hands over), else read again.
   */
  static String mode(Path file, BasicFileAttributes attrs) {
    return attrs instanceof PosixFileAttributes posix ? PosixFilePermissions.toString(posix.permissions()) : mode(file);
  }

  static String mode(Path file) {
    try {
      PosixFileAttributeView v = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      return v == null ? null : PosixFilePermissions.toString(v.readAttributes().permissions());
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
