package dci.protocol.pkg;

/**
 * Sets the POSIX permission bits of a file or directory in the install directory (skipped on
 * file systems without them). Only the 0777 bits: set-user-id, set-group-id and sticky bits are
 * refused.
 *
 * @param path relative to the install directory
 * @param mode permission bits, e.g. 0755
 */
public record ModeStep(String path, int mode) implements Step {
  public ModeStep {
    PackagePaths.requireInstallPath("mode path", path);
    if (mode < 0 || mode > 0777) {
      throw new PackageException("mode " + Integer.toOctalString(mode) + " of '" + path
          + "' refused: only permission bits 000 to 777 (no setuid, setgid or sticky)");
    }
  }

  /** Parses an octal mode such as {@code 755} or {@code 0644}. */
  public static int parseMode(String text) {
    if (text == null || !text.matches("0?[0-7]{3}")) {
      throw new PackageException("mode '" + dci.protocol.auth.Names.printable(text)
          + "' refused: three octal digits such as 755 (setuid, setgid and sticky bits are not allowed)");
    }
    return Integer.parseInt(text, 8);
  }

  /** The mode as three octal digits. */
  public String modeText() {
    return String.format("%03o", mode);
  }

  @Override
  public String kind() {
    return "mode";
  }

  @Override
  public String describe() {
    return "mode " + modeText() + " " + path;
  }
}
