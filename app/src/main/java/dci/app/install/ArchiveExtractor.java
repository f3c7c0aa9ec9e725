package dci.app.install;

import dci.protocol.auth.Names;
import dci.protocol.pkg.ExtractStep;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PackagePaths;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks the archive of an {@link ExtractStep} into the install directory. Every entry name is
 * checked like a package path (after dropping a leading "./" and {@code strip} segments);
 * links, devices and repeated files are refused; entry count and bytes written are capped.
 * Regular files and directories only are made, never through a link.
 */
final class ArchiveExtractor {
  private final ExtractStep step;
  private final Path base;
  private final InstallLimits limits;
  private final Set<String> files = new HashSet<>();
  private int entries;
  private int directories;
  private long bytes;

  private ArchiveExtractor(ExtractStep step, Path base, InstallLimits limits) {
    this.step = step;
    this.base = base;
    this.limits = limits;
  }

  /** Unpacks {@code archive} into {@code base}/{@code step.to()}; returns a one-line summary. */
  static String extract(ExtractStep step, InputStream archive, Path base, InstallLimits limits) throws IOException {
    ArchiveExtractor x = new ArchiveExtractor(step, base, limits);
    Files.createDirectories(InstallPaths.resolve(base, "extract to", step.to()));
    InputStream in = new BufferedInputStream(archive, 64 * 1024);
    switch (step.format()) {
      case ZIP -> x.zip(in);
      case TAR -> x.tar(in);
      case TAR_GZ -> x.tar(new GZIPInputStream(in, 64 * 1024));
    }
    return "extracted " + x.files.size() + " files and " + x.directories + " directories (" + x.bytes + " bytes) into "
        + step.to();
  }

  private void zip(InputStream in) throws IOException {
    ZipInputStream zip = new ZipInputStream(in);
    for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
      if (e.isDirectory()) {
        directory(e.getName(), -1);
      } else {
        file(e.getName(), zip, -1);
      }
    }
  }

  private void tar(InputStream in) throws IOException {
    TarReader tar = new TarReader(in);
    for (TarReader.Entry e; (e = tar.next()) != null; ) {
      if (e.isDirectory()) {
        directory(e.name(), e.mode());
      } else if (e.isFile()) {
        file(e.name(), tar.data(), e.mode());
      } else {
        String what = switch (e.type()) {
          case '1' -> "a hard link";
          case '2' -> "a symbolic link";
          case '3', '4' -> "a device";
          case '6' -> "a FIFO";
          default -> "of type '" + e.type() + "'";
        };
        throw refused(e.name(), "is " + what + ": archives may hold regular files and directories only");
      }
    }
  }

  private void directory(String raw, int mode) throws IOException {
    String rel = target(raw);
    if (rel == null) {
      return;
    }
    Path p = InstallPaths.resolve(base, "archive entry", rel);
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      throw refused(raw, "a file is already there");
    }
    Files.createDirectories(p);
    directories++;
    permissions(p, mode, 0700);
  }

  private void file(String raw, InputStream data, int mode) throws IOException {
    String rel = target(raw);
    if (rel == null) {
      return;
    }
    if (!files.add(rel)) {
      throw refused(raw, "appears twice in the archive");
    }
    Path p = InstallPaths.resolveForWriting(base, "archive entry", rel);
    byte[] buf = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
      for (int n; (n = data.read(buf)) >= 0; ) {
        bytes += n;
        if (bytes > limits.maxExtractBytes()) {
          throw new PackageException(step.from() + " expands past the " + limits.maxExtractBytes() + "-byte limit");
        }
        out.write(buf, 0, n);
      }
    }
    permissions(p, mode, 0600);
  }

  /** The install-relative path of an entry, null for one that names the top itself; refuses bad names. */
  private String target(String raw) {
    if (++entries > limits.maxExtractEntries()) {
      throw new PackageException(step.from() + " has more than " + limits.maxExtractEntries() + " entries");
    }
    String name = raw;
    while (name.startsWith("./")) {
      name = name.substring(2);
    }
    if (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty() || name.equals(".")) {
      return null;
    }
    String problem = PackagePaths.problem(name);
    if (problem != null) {
      throw refused(raw, problem);
    }
    String[] segments = name.split("/");
    if (segments.length <= step.strip()) {
      return null;
    }
    String rel = String.join("/", java.util.Arrays.copyOfRange(segments, step.strip(), segments.length));
    String full = step.to().equals(".") ? rel : step.to() + "/" + rel;
    PackagePaths.requireInstallPath("archive entry", full);
    return full;
  }

  private static void permissions(Path p, int mode, int ownerBits) throws IOException {
    if (mode >= 0) {
      Trees.setMode(p, (mode & 0777) | ownerBits);
    }
  }

  private PackageException refused(String raw, String why) {
    return new PackageException(step.from() + ": entry '" + Names.printable(raw) + "' refused: " + why);
  }
}
