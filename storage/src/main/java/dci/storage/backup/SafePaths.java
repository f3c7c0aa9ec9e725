package dci.storage.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Archive paths are relative, '/'-separated, with no empty, {@code .} or {@code ..} segment,
 * no backslash and no control character; a restore writes only inside its target (no
 * symbolic link on the way may lead out of it).
 */
public final class SafePaths {
  private SafePaths() {}

  public static String check(String path) {
    if (path == null || path.isEmpty() || path.length() > 4096 || path.startsWith("/") || path.contains("\\")
        || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("unsafe path in archive: '" + printable(path) + "'");
    }
    for (String seg : path.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
        throw new IllegalArgumentException("unsafe path in archive: '" + printable(path) + "'");
      }
    }
    return path;
  }

  /** Whether {@link #check} takes {@code path}. */
  public static boolean isSafe(String path) {
    try {
      check(path);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code target/path}, refused if it (or a directory on the way) escapes {@code target}. */
  public static Path resolve(Path target, String path) throws IOException {
    return new Target(target).resolve(path);
  }

  /**
   * A restore's target: {@link #resolve} for many paths, the target's real path found once and
   * each directory on the way looked at once it exists. A directory found real is not looked at
   * again during the run, so a link someone puts in its place while the restore runs is not
   * caught (no check of a path is atomic with the write that follows it anyway); links already
   * there when the restore reaches them are. Thread-safe.
   */
  public static final class Target {
    private final Path real;
    private final java.util.Set<Path> checked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Target(Path target) throws IOException {
      this.real = target.toRealPath();
    }

    /**
     * {@code target/path}, refused if it (or a directory on the way) escapes the target. What
     * is not there is found by a {@code stat} that answers false (java.io), not by an exception
     * from NIO: a restore into a new directory asks this of every file, none there yet.
     */
    public Path resolve(String path) throws IOException {
      check(path);
      Path out = real.resolve(path).normalize();
      if (!out.startsWith(real)) {
        throw new IllegalArgumentException("unsafe path in archive: '" + printable(path) + "'");
      }
      Path p = real;
      boolean whole = true;
      for (Path seg : real.relativize(out.getParent() == null ? real : out.getParent())) {
        p = p.resolve(seg);
        if (checked.contains(p)) {
          continue;
        }
        if (!p.toFile().exists()) {
          // nothing there, or a dangling link: nothing below it exists either; making a
          // directory through a dangling link fails (mkdir answers that it exists)
          whole = false;
          break;
        }
        java.nio.file.attribute.BasicFileAttributes a =
            Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink() && !p.toRealPath().startsWith(real)) {
          throw new IllegalArgumentException("restore refused: " + p + " is a link leading out of " + real);
        }
        if (a.isDirectory()) {
          checked.add(p);
        }
      }
      if (whole && out.toFile().isDirectory() && Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
        throw new IllegalArgumentException("restore refused: " + out + " is a directory");
      }
      return out;
    }
  }

  static String printable(String s) {
    return s == null ? "null" : s.replaceAll("[\\p{Cntrl}]", "?");
  }
}
