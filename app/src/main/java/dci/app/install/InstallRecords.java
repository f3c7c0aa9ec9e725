package dci.app.install;

import dci.protocol.pkg.Manifest;
import dci.protocol.pkg.ManifestXml;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PackagePaths;
import dci.protocol.pkg.PackageSignature;
import dci.protocol.pkg.VerifiedPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The installer's records inside an install directory, {@code .dci/manifest.xml} and
 * {@code .dci/signature.txt}: the manifest exactly as signed and its signature, so what is
 * installed can be told (and checked again) later.
 */
final class InstallRecords {
  static final String MANIFEST = "manifest.xml";
  static final String SIGNATURE = "signature.txt";

  private static final ManifestXml XML = new ManifestXml();

  private InstallRecords() {}

  /** Writes the records of {@code pkg} into {@code dir}, replacing older ones. */
  static void write(Path dir, VerifiedPackage pkg) throws IOException {
    Path records = dir.resolve(PackagePaths.RESERVED);
    if (Files.isSymbolicLink(records)) {
      Files.delete(records);
    }
    Files.createDirectories(records);
    Files.write(records.resolve(MANIFEST), pkg.manifestBytes());
    Files.write(records.resolve(SIGNATURE), pkg.signature().format());
  }

  /** The signed manifest bytes recorded in {@code dir}. */
  static byte[] manifestBytes(Path dir) throws IOException {
    return Files.readAllBytes(dir.resolve(PackagePaths.RESERVED).resolve(MANIFEST));
  }

  /**
   * What {@code dir} holds: empty if there is no such directory; refused if it exists without
   * records that verify.
   */
  static Optional<InstalledPackage> read(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Path records = dir.resolve(PackagePaths.RESERVED);
    try {
      Path m = records.resolve(MANIFEST);
      if (!Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS)) {
        throw new PackageException(dir + " holds no installed package (no " + PackagePaths.RESERVED + "/" + MANIFEST
            + ")");
      }
      if (Files.size(m) > XML.maxBytes()) {
        throw new PackageException(m + " is too large");
      }
      byte[] bytes = Files.readAllBytes(m);
      PackageSignature sig = PackageSignature.parse(Files.readAllBytes(records.resolve(SIGNATURE)));
      if (!sig.verifies(bytes)) {
        throw new PackageException("the records of " + dir + " were altered: the signature does not match");
      }
      Manifest manifest = XML.decode(bytes);
      return Optional.of(new InstalledPackage(manifest, sig.keyId(), dir, Files.getLastModifiedTime(m).toInstant()));
    } catch (IOException e) {
      throw new PackageException("cannot read the records of " + dir + ": " + e.getMessage(), e);
    }
  }
}
