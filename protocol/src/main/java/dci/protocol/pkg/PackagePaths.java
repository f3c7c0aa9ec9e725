package dci.protocol.pkg;

import dci.protocol.auth.Names;

/**
 * The one rule for paths inside a package and inside an install directory: relative,
 * '/'-separated, no empty, '.' or '..' segments, no leading '/', no backslash, no ':' (so no
 * drive letters or alternate streams), no NUL or control characters, at most 1024 characters
 * and 255 per segment. Such a path can never name anything outside the directory it is
 * resolved against (links aside: the installer refuses to go through those).
 */
public final class PackagePaths {
  /** Directory of an install kept for the installer's own records; steps may not touch it. */
  public static final String RESERVED = ".dci";

  private static final int MAX_PATH = 1024;
  private static final int MAX_SEGMENT = 255;

  private PackagePaths() {}

  /** Checks {@code path} and returns it unchanged; {@code what} names it in the error. */
  public static String requireRelative(String what, String path) {
    String problem = problem(path);
    if (problem != null) {
      throw new PackageException(what + " '" + Names.printable(path) + "' refused: " + problem);
    }
    return path;
  }

  /**
   * A path steps may write or change in the install directory: {@link #requireRelative} and
   * not under {@value #RESERVED}.
   */
  public static String requireInstallPath(String what, String path) {
    requireRelative(what, path);
    if (path.equals(RESERVED) || path.startsWith(RESERVED + "/")) {
      throw new PackageException(what + " '" + Names.printable(path) + "' refused: " + RESERVED
          + "/ is reserved for the installer");
    }
    return path;
  }

  /**
   * A directory in the install directory: like {@link #requireInstallPath}, but absent, empty
   * or "." mean the install directory itself, returned as ".".
   */
  public static String requireInstallDir(String what, String path) {
    if (path == null || path.isEmpty() || path.equals(".")) {
      return ".";
    }
    return requireInstallPath(what, path);
  }

  /** Why {@code path} is refused, or null when it is safe. */
  public static String problem(String path) {
    if (path == null || path.isEmpty()) {
      return "empty path";
    }
    if (path.length() > MAX_PATH) {
      return "longer than " + MAX_PATH + " characters";
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == 0 || Character.isISOControl(c)) {
        return "contains a NUL or control character";
      }
      if (c == '\\') {
        return "contains a backslash";
      }
      if (c == ':') {
        return "contains ':' (drive letters and streams are not allowed)";
      }
    }
    if (path.startsWith("/")) {
      return "absolute path";
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        return "empty segment (a trailing or doubled '/')";
      }
      if (segment.equals("..")) {
        return "'..' segment";
      }
      if (segment.equals(".")) {
        return "'.' segment";
      }
      if (segment.length() > MAX_SEGMENT) {
        return "segment longer than " + MAX_SEGMENT + " characters";
      }
    }
    return null;
  }
}
