package dci.protocol.pkg;

/**
 * The entries of a package file, a ZIP: exactly {@value #MANIFEST}, {@value #SIGNATURE}, and
 * {@value #PAYLOAD}{@code <path>} for each file the manifest lists; nothing else, no
 * directory entries.
 */
public final class PackageLayout {
  /** The manifest, signed byte for byte. */
  public static final String MANIFEST = "manifest.xml";
  /** {@code ed25519:<public key>:<signature>} ({@link PackageSignature}). */
  public static final String SIGNATURE = "signature.txt";
  /** Prefix of payload entries. */
  public static final String PAYLOAD = "payload/";

  private PackageLayout() {}
}
