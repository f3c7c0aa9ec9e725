package dci.protocol.pkg;

import java.util.List;
import java.util.Locale;

/**
 * Unpacks a payload archive into a directory of the install directory: a ZIP ({@code .zip}) or a
 * tar, plain or compressed with gzip, xz, bzip2 or zstd ({@code .tar}, {@code .tar.gz},
 * {@code .tgz}, {@code .tar.xz}, {@code .txz}, {@code .tar.bz2}, {@code .tbz2}, {@code .tar.zst},
 * {@code .tzst}). The name tells ZIP from tar; the installer tells the compression from the
 * content. Entries get the same path checks as package entries; links, devices and duplicate
 * entries are refused.
 *
 * @param from path of the archive in the package (listed in the manifest's files)
 * @param to directory relative to the install directory; "." (the default) for the directory itself
 * @param strip leading path segments dropped from every entry (like tar's --strip-components)
 */
public record ExtractStep(String from, String to, int strip) implements Step {
  /** Archive formats an extract step understands; a tar may be compressed. */
  public enum Format { ZIP, TAR }

  private static final List<String> TAR_NAMES =
      List.of(".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tar.zst", ".tzst");

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
    if (TAR_NAMES.stream().anyMatch(n::endsWith)) {
      return Format.TAR;
    }
    throw new PackageException("extract from '" + name + "': not a .zip, " + String.join(", ", TAR_NAMES) + " archive");
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
