package dci.protocol.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a package file from a directory holding {@code manifest.xml} and the payload files.
 * Every regular file under the directory other than the top-level {@code manifest.xml} becomes
 * a payload file; the manifest's {@code <files>} is replaced by that list with each file's size
 * and SHA-256. The manifest is then written in its canonical form, signed, and stored with the
 * payload in a ZIP (fixed timestamps, so the same input gives the same bytes). Symbolic links
 * and other special files are refused.
 */
public final class PackageWriter {
  private static final long FIXED_TIME = 315_532_800_000L + 86_400_000L; // 1980-01-02, valid for ZIP

  private final PackageLimits limits;
  private final ManifestXml xml;

  public PackageWriter() {
    this(PackageLimits.DEFAULT);
  }

  public PackageWriter(PackageLimits limits) {
    this.limits = limits;
    this.xml = new ManifestXml(new dci.protocol.envelope.EnvelopeLimits(limits.maxManifestBytes(), 16));
  }

  /** Builds {@code out} from {@code dir}, signed with {@code key}; returns the manifest as signed. */
  public Manifest write(Path dir, KeyPair key, Path out) {
    Path src = realDirectory(dir);
    Path target = out.toAbsolutePath().normalize();
    if (target.getParent() != null && Files.isDirectory(target.getParent())) {
      target = realDirectory(target.getParent()).resolve(target.getFileName());
    }
    if (target.startsWith(src)) {
      throw new PackageException("the package file " + out + " must not be inside the directory it is built from");
    }
    Path manifestFile = src.resolve(PackageLayout.MANIFEST);
    if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
      throw new PackageException("no " + PackageLayout.MANIFEST + " in " + dir);
    }
    try {
      if (Files.size(manifestFile) > limits.maxManifestBytes()) {
        throw new PackageException(manifestFile + " is over the " + limits.maxManifestBytes() + "-byte limit");
      }
      Manifest source = xml.decode(Files.readAllBytes(manifestFile));
      Manifest m = source.withFiles(payload(src, manifestFile));
      m.requirePayloadReferences();
      byte[] bytes = xml.encode(m);
      if (!xml.decode(bytes).equals(m)) {
        throw new IllegalStateException("manifest does not read back as written: " + m.id());
      }
      PackageSignature sig = PackageSignature.sign(key, bytes);
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      try {
        zip(src, m, bytes, sig, tmp);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return m;
    } catch (IOException e) {
      throw new PackageException("cannot build package from " + dir + ": " + e.getMessage(), e);
    }
  }

  private List<PayloadFile> payload(Path src, Path manifestFile) throws IOException {
    List<PayloadFile> files = new ArrayList<>();
    long total = 0;
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(src)) {
      paths = walk.filter(p -> !p.equals(src) && !p.equals(manifestFile)).sorted().toList();
    }
    for (Path p : paths) {
      String rel = relative(src, p);
      if (Files.isSymbolicLink(p)) {
        throw new PackageException("'" + rel + "' is a symbolic link: packages hold regular files only");
      }
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new PackageException("'" + rel + "' is not a regular file");
      }
      PackagePaths.requireRelative("payload file", rel);
      if (files.size() + 2 >= limits.maxEntries()) {
        throw new PackageException("too many files: a package holds at most " + (limits.maxEntries() - 2));
      }
      PayloadFile f = new PayloadFile(rel, Files.size(p), sha256(p));
      total += f.size();
      if (total > limits.maxPayloadBytes()) {
        throw new PackageException("payload over the " + limits.maxPayloadBytes() + "-byte limit");
      }
      files.add(f);
    }
    files.sort(java.util.Comparator.comparing(PayloadFile::path));
    return files;
  }

  private static void zip(Path src, Manifest m, byte[] manifest, PackageSignature sig, Path tmp) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
      put(zip, PackageLayout.MANIFEST, manifest);
      put(zip, PackageLayout.SIGNATURE, sig.format());
      for (PayloadFile f : m.files()) {
        ZipEntry e = new ZipEntry(PackageLayout.PAYLOAD + f.path());
        e.setTime(FIXED_TIME);
        zip.putNextEntry(e);
        try (InputStream in = new PayloadStream(Files.newInputStream(src.resolve(f.path())), f)) {
          in.transferTo(zip);
        } catch (PackageException changed) {
          throw new PackageException("'" + f.path() + "' changed while the package was built", changed);
        }
        zip.closeEntry();
      }
    }
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTime(FIXED_TIME);
    zip.putNextEntry(e);
    zip.write(bytes);
    zip.closeEntry();
  }

  private static Path realDirectory(Path dir) {
    try {
      Path real = dir.toRealPath();
      if (!Files.isDirectory(real)) {
        throw new PackageException(dir + " is not a directory");
      }
      return real;
    } catch (IOException e) {
      throw new PackageException("no such directory: " + dir, e);
    }
  }

  private static String relative(Path src, Path p) {
    List<String> parts = new ArrayList<>();
    src.relativize(p).forEach(seg -> parts.add(seg.toString()));
    return String.join("/", parts);
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) >= 0; ) {
        d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
