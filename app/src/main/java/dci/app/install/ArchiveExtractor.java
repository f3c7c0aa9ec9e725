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
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Unpacks the archive of an {@link ExtractStep} into the install directory: a ZIP, or a tar whose
 * compression (none, gzip, xz, bzip2, zstd) is told by its first bytes. Every entry name is
 * checked like a package path (after dropping a leading "./" and {@code strip} segments); links,
 * devices, sparse and repeated files are refused; entry count, bytes written and, for a tar, the
 * bytes it expands to (skipped ones too) are capped. Regular files and directories only are made,
 * never through a link.
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
    BufferedInputStream in = new BufferedInputStream(archive, 64 * 1024);
    Compression c = Compression.detect(in);
    String what;
    if (step.format() == ExtractStep.Format.ZIP) {
      if (c != Compression.ZIP) {
        throw new PackageException(step.from() + " is not a ZIP archive" + (c == Compression.NONE ? ""
            : " (it is " + c.label() + "-compressed)"));
      }
      x.zip(in);
      what = "a ZIP";
    } else {
      if (c == Compression.ZIP) {
        throw new PackageException(step.from() + " is a ZIP archive, not a tar: name it .zip");
      }
      x.tar(new ExpansionCap(c.open(in), x.expansionCap(), x::expandsPast));
      what = c == Compression.NONE ? "a tar" : "a " + c.label() + " tar";
    }
    return "extracted " + x.files.size() + " files and " + x.directories + " directories (" + x.bytes + " bytes) from "
        + what + " into " + step.to();
  }

  /**
   * Most bytes a tar may expand to: the entries' data, and for every entry it may hold 4 KiB of
   * headers (its own, a pax or long-name one and their padding), and 1 MiB more.
   */
  private long expansionCap() {
    return limits.maxExtractBytes() + limits.maxExtractEntries() * 4096L + (1 << 20);
  }

  private PackageException expandsPast() {
    return new PackageException(step.from() + " expands past the " + limits.maxExtractBytes() + "-byte limit");
  }

  private void zip(InputStream in) throws IOException {
    ZipInputStream zip = new ZipInputStream(in);
    for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
      if (e.isDirectory()) {
        directory(e.getName(), -1);
      } else {
        file(e.getName(), zip, e.getSize(), -1);
      }
    }
  }

  private void tar(InputStream in) throws IOException {
    TarEntries tar = new TarEntries(in);
    for (TarEntries.Entry e; (e = next(tar)) != null; ) {
      byte type = e.tar().getLinkFlag();
      if (e.tar().isSparse()) {
        throw refused(e.name(), "is a sparse file: archives may hold regular files and directories only");
      } else if (type == TarConstants.LF_DIR) {
        directory(e.name(), e.tar().getMode());
      } else if (type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM || type == TarConstants.LF_CONTIG) {
        file(e.name(), tar, e.tar().getSize(), e.tar().getMode());
      } else {
        String what = switch (type) {
          case '1' -> "a hard link";
          case '2' -> "a symbolic link";
          case '3', '4' -> "a device";
          case '6' -> "a FIFO";
          default -> "of type '" + Names.printable(String.valueOf((char) type)) + "'";
        };
        throw refused(e.name(), "is " + what + ": archives may hold regular files and directories only");
      }
    }
  }

  private TarEntries.Entry next(TarEntries tar) {
    try {
      return tar.next();
    } catch (PackageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new PackageException(step.from() + ": not a readable tar archive: " + e.getMessage(), e);
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

  /** Writes an entry's data ({@code size} as its header says, -1 when unknown) to its file. */
  private void file(String raw, InputStream data, long size, int mode) throws IOException {
    String rel = target(raw);
    if (rel == null) {
      return;
    }
    if (size > limits.maxExtractBytes() - bytes) {
      throw expandsPast();
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
          throw expandsPast();
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
