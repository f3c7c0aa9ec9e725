package dci.protocol.pkg;

/**
 * What a package file may weigh, checked before anything is extracted (zip bombs): entries,
 * total uncompressed payload, and manifest size.
 *
 * @param maxEntries most ZIP entries (manifest and signature included)
 * @param maxPayloadBytes most uncompressed payload bytes, all files together
 * @param maxManifestBytes most bytes of {@code manifest.xml}
 */
public record PackageLimits(int maxEntries, long maxPayloadBytes, int maxManifestBytes) {
  /** 10 000 entries, 4 GiB of payload, 1 MiB of manifest. */
  public static final PackageLimits DEFAULT = new PackageLimits(10_000, 4L << 30, 1 << 20);

  /** Most bytes of {@code signature.txt}. */
  public static final int MAX_SIGNATURE_BYTES = 4096;

  public PackageLimits {
    if (maxEntries < 2 || maxPayloadBytes < 0 || maxManifestBytes < 1024) {
      throw new IllegalArgumentException("package limits too small: " + maxEntries + " entries, "
          + maxPayloadBytes + " payload bytes, " + maxManifestBytes + " manifest bytes");
    }
  }
}
