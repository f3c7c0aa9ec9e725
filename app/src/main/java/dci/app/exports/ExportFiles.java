package dci.app.exports;

import dci.protocol.fs.FileEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The file work behind {@code /api/fs} on resolved paths of an export; blocking (the I/O executor). */
final class ExportFiles {
  private ExportFiles() {}

  static FileEntry entry(Path f) throws IOException {
    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return new FileEntry(f.getFileName().toString(), a.isDirectory(), a.isDirectory() ? 0 : a.size(),
        a.lastModifiedTime().toInstant());
  }

  /** The entries of a folder, by name; a file lists as itself. */
  static List<FileEntry> list(ExportPaths.Resolved p) throws IOException {
    if (!Files.isDirectory(p.file())) {
      return List.of(entry(p.file()));
    }
    try (Stream<Path> s = Files.list(p.file())) {
      return s.map(ExportFiles::entryOrNull).filter(java.util.Objects::nonNull)
          .sorted(Comparator.comparing(FileEntry::name)).toList();
    }
  }

  /** The size of a file; an IllegalArgumentException for a folder. */
  static long fileSize(ExportPaths.Resolved p) throws IOException {
    if (Files.isDirectory(p.file())) {
      throw new IllegalArgumentException("refused: " + p.file().getFileName() + " is a folder");
    }
    return Files.size(p.file());
  }

  static FileEntry mkdir(ExportPaths.Resolved p) throws IOException {
    Files.createDirectories(p.file());
    return entry(p.file());
  }

  /** Moves {@code p} to {@code target} (into it, when it is a folder). */
  static void move(ExportPaths.Resolved p, ExportPaths.Resolved target) throws IOException {
    Files.move(p.file(), Files.isDirectory(target.file()) ? target.file().resolve(p.file().getFileName())
        : target.file(), StandardCopyOption.ATOMIC_MOVE);
  }

  static void remove(ExportPaths.Resolved p, boolean recursive) throws IOException {
    if (p.isRoot()) {
      throw new IllegalArgumentException("refused: an export's own folder is not removed (dci export remove)");
    }
    if (!Files.exists(p.file(), LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(p.file().getFileName().toString());
    }
    if (recursive && Files.isDirectory(p.file(), LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> all = Files.walk(p.file())) {
        for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    } else {
      Files.delete(p.file());
    }
  }

  private static FileEntry entryOrNull(Path f) {
    try {
      return entry(f);
    } catch (IOException e) {
      return null;
    }
  }
}
