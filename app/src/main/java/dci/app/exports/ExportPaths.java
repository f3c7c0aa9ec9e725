package dci.app.exports;

import dci.protocol.fs.ExportSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Turns a virtual path {@code /EXPORT/a/b} into a file on this blade's disk inside that export,
 * or refuses: no {@code ..} or empty parts, and no symbolic link anywhere leads out of the
 * export (the real path of the file, or of its nearest existing folder, must lie inside it).
 */
final class ExportPaths {
  /** A resolved path: its export and the file on disk. */
  record Resolved(ExportSpec export, Path root, Path file) {
    boolean isRoot() {
      return file.equals(root);
    }
  }

  private final ExportBook book;

  ExportPaths(ExportBook book) {
    this.book = book;
  }

  /** Resolves {@code path}; IllegalArgumentException (said to the caller) when it is not one to serve. */
  Resolved resolve(String path) throws IOException {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("a path is /EXPORT/..., not '" + printable(path) + "'");
    }
    String[] parts = path.substring(1).split("/", -1);
    String name = parts[0];
    ExportSpec export = book.find(name).orElseThrow(() ->
        new NoSuchFileException("no export named '" + printable(name) + "' here"));
    Path root = Path.of(export.path()).toRealPath();
    Path file = root;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      if (p.isEmpty() && i == parts.length - 1) {
        break; // a trailing slash
      }
      if (p.isEmpty() || p.equals(".") || p.equals("..") || p.indexOf('\0') >= 0 || p.indexOf('\\') >= 0) {
        throw new IllegalArgumentException("refused: '" + printable(path) + "' is not a plain path inside an export");
      }
      file = file.resolve(p);
    }
    Path existing = file;
    while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (!existing.toRealPath().startsWith(root)) {
      throw new SecurityException("refused: '" + printable(path) + "' leads outside the export " + name);
    }
    return new Resolved(export, root, file);
  }

  private static String printable(String s) {
    return dci.protocol.auth.Names.printable(s);
  }
}
