package dci.protocol.pkg;

import java.util.regex.Pattern;

/**
 * One payload file of a package, as the signed manifest lists it: the package's ZIP holds it
 * as {@code payload/<path>}, and its size and SHA-256 must match exactly, so the signature over
 * the manifest covers every byte of the package.
 *
 * @param path path inside the package ({@link PackagePaths} rules)
 * @param size bytes, uncompressed
 * @param sha256 lower-case hex SHA-256 of the bytes
 */
public record PayloadFile(String path, long size, String sha256) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public PayloadFile {
    PackagePaths.requireRelative("payload file path", path);
    if (size < 0) {
      throw new PackageException("payload file '" + path + "': negative size " + size);
    }
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new PackageException("payload file '" + path + "': sha256 must be 64 lower-case hex digits");
    }
  }
}
