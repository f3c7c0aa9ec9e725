package dci.protocol.pkg;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;

/**
 * The content of a package's {@code signature.txt}: {@code ed25519:<base64 X.509 public
 * key>:<base64 signature>}, one line, the signature over the exact bytes of
 * {@code manifest.xml}.
 *
 * @param publicKey the signer's key (trusted or not: the reader decides)
 * @param signature the raw Ed25519 signature
 */
public record PackageSignature(PublicKey publicKey, byte[] signature) {
  private static final String PREFIX = "ed25519:";

  public PackageSignature {
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** Signs {@code manifest} with {@code key}. */
  public static PackageSignature sign(java.security.KeyPair key, byte[] manifest) {
    return new PackageSignature(key.getPublic(), PackageKeys.sign(key.getPrivate(), manifest));
  }

  public static PackageSignature parse(byte[] text) {
    String line = new String(text, StandardCharsets.US_ASCII).strip();
    if (!line.startsWith(PREFIX)) {
      throw new PackageException("signature.txt refused: expected 'ed25519:<public key>:<signature>'");
    }
    String[] parts = line.substring(PREFIX.length()).split(":", -1);
    if (parts.length != 2) {
      throw new PackageException("signature.txt refused: expected 'ed25519:<public key>:<signature>'");
    }
    PublicKey key = PackageKeys.parsePublic(parts[0]);
    try {
      byte[] sig = Base64.getDecoder().decode(parts[1]);
      if (sig.length != 64) {
        throw new PackageException("signature.txt refused: an Ed25519 signature has 64 bytes, not " + sig.length);
      }
      return new PackageSignature(key, sig);
    } catch (IllegalArgumentException e) {
      throw new PackageException("signature.txt refused: signature is not valid base64");
    }
  }

  /** Whether this signs {@code manifest}. */
  public boolean verifies(byte[] manifest) {
    return PackageKeys.verify(publicKey, manifest, signature);
  }

  public String keyId() {
    return PackageKeys.keyId(publicKey);
  }

  /** The {@code signature.txt} line, with a trailing newline. */
  public byte[] format() {
    return (PREFIX + PackageKeys.encodePublic(publicKey) + ":" + Base64.getEncoder().encodeToString(signature) + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
