package dci.app.install;

import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PackagePaths;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Resolves the paths of steps against an install (or staging) directory with the package path
 * rules ({@link PackagePaths}), and refuses a path that goes through a symbolic link already
 * there (one a command made, say), so that no step can write, change or read outside the
 * directory.
 */
final class InstallPaths {
  private InstallPaths() {}

  /**
   * {@code rel} under {@code base} (absolute and normalized); "." is {@code base} itself.
   * {@code what} names the path in errors.
   */
  static Path resolve(Path base, String what, String rel) {
    if (rel.equals(".")) {
      return base;
    }
    PackagePaths.requireInstallPath(what, rel);
    Path p = base.resolve(rel).normalize();
    if (!p.startsWith(base) || p.equals(base)) {
      throw new PackageException(what + " '" + rel + "' refused: outside the install directory");
    }
    Path cur = base;
    for (Path segment : base.relativize(p)) {
      cur = cur.resolve(segment);
      if (Files.isSymbolicLink(cur)) {
        throw new PackageException(what + " '" + rel + "' refused: it goes through the symbolic link '"
            + base.relativize(cur) + "'");
      }
      if (!Files.exists(cur, LinkOption.NOFOLLOW_LINKS)) {
        break;
      }
    }
    return p;
  }

  /** Like {@link #resolve}, and creates the parent directories. */
  static Path resolveForWriting(Path base, String what, String rel) throws java.io.IOException {
    Path p = resolve(base, what, rel);
    Files.createDirectories(p.getParent());
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new PackageException(what + " '" + rel + "' refused: a directory is there");
    }
    return p;
  }

  /** {@code base} relative path of {@code p}, '/'-separated, for reports. */
  static String show(Path base, Path p) {
    String s = base.relativize(p).toString().replace('\\', '/');
    return s.isEmpty() ? "." : s;
  }
}
