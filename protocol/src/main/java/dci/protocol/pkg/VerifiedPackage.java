package dci.protocol.pkg;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A package file that {@link PackageReader} has verified: signed by a trusted key, every entry
 * listed with matching size and SHA-256, nothing more. Only the reader makes these. The
 * payload is read again from the file when used, and checked again as it is read
 * ({@link PayloadStream}), so a file changed after verification is refused, not installed.
 */
public final class VerifiedPackage {
  private final Path file;
  private final Manifest manifest;
  private final byte[] manifestBytes;
  private final PackageSignature signature;

  VerifiedPackage(Path file, Manifest manifest, byte[] manifestBytes, PackageSignature signature) {
    this.file = file;
    this.manifest = manifest;
    this.manifestBytes = manifestBytes.clone();
    this.signature = signature;
  }

  /** The package file. */
  public Path file() {
    return file;
  }

  public Manifest manifest() {
    return manifest;
  }

  /** The exact signed bytes of {@code manifest.xml}. */
  public byte[] manifestBytes() {
    return manifestBytes.clone();
  }

  public PackageSignature signature() {
    return signature;
  }

  /** Key id of the publisher key that signed it. */
  public String keyId() {
    return signature.keyId();
  }

  /**
   * Opens a listed payload file; the stream refuses (with a {@link PackageException}) bytes
   * that differ from the manifest's size or SHA-256, at the latest when its end is read.
   */
  public PayloadStream openPayload(String path) {
    PayloadFile listed = manifest.file(path);
    if (listed == null) {
      throw new PackageException("package " + manifest.id() + " has no payload file '" + path + "'");
    }
    try {
      ZipFile zip = new ZipFile(file.toFile());
      ZipEntry entry = zip.getEntry(PackageLayout.PAYLOAD + path);
      if (entry == null || entry.isDirectory()) {
        zip.close();
        throw new PackageException("package file " + file + " no longer holds payload file '" + path + "'");
      }
      InputStream raw = zip.getInputStream(entry);
      return new PayloadStream(new FilterInputStream(raw) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            zip.close();
          }
        }
      }, listed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read package file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "VerifiedPackage[" + manifest.id() + " signed by " + keyId() + "]";
  }
}
