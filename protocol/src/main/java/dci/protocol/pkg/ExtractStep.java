package dci.protocol.pkg;

import java.util.Locale;

/**
 * Unpacks a payload archive ({@code .zip}, {@code .tar}, {@code .tar.gz} or {@code .tgz}, told
 * by the name) into a directory of the install directory. Entries get the same path checks as
 * package entries; links, devices and duplicate entries are refused.
 *
 * @param from path of the archive in the package (listed in the manifest's files)
 * @param to directory relative to the install directory; "." (the default) for the directory itself
 * @param strip leading path segments dropped from every entry (like tar's --strip-components)
 */
public record ExtractStep(String from, String to, int strip) implements Step {
  /** Archive formats an extract step understands. */
  public enum Format { ZIP, TAR, TAR_GZ }

  public ExtractStep {
    PackagePaths.requireRelative("extract from", from);
    formatOf(from);
    to = PackagePaths.requireInstallDir("extract to", to);
    if (strip < 0 || strip > 16) {
      throw new PackageException("extract strip " + strip + " out of range: 0 to 16");
    }
  }

  /** The archive's format, from its name. */
  public Format format() {
    return formatOf(from);
  }

  private static Format formatOf(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".zip")) {
      return Format.ZIP;
    }
    if (n.endsWith(".tar")) {
      return Format.TAR;
    }
    if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
      return Format.TAR_GZ;
    }
    throw new PackageException("extract from '" + name + "': not a .zip, .tar, .tar.gz or .tgz archive");
  }

  @Override
  public String kind() {
    return "extract";
  }

  @Override
  public String describe() {
    return "extract " + from + " into " + to + (strip > 0 ? " (strip " + strip + ")" : "");
  }
}
