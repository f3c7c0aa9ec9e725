package dci.protocol.pkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Publisher keys: Ed25519 through the JDK's own provider. A public key travels as the base64 of
 * its X.509 (SubjectPublicKeyInfo) encoding; its key id is the first 16 hex digits of the
 * SHA-256 of that encoding. Key files are PEM: {@code PREFIX.pub} holds a PUBLIC KEY block,
 * {@code PREFIX.key} (written mode 600) a PRIVATE KEY block (PKCS#8) followed by the PUBLIC KEY
 * block, since the JDK cannot derive one from the other.
 */
public final class PackageKeys {
  private static final String ALGORITHM = "Ed25519";
  private static final int MAX_KEY_FILE = 64 * 1024;

  private PackageKeys() {}

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  /** First 16 hex digits of the SHA-256 of the key's X.509 encoding. */
  public static String keyId(PublicKey key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Base64 of the X.509 encoding, as {@code signature.txt} and configuration carry it. */
  public static String encodePublic(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** A public key from its base64 X.509 encoding or a PEM PUBLIC KEY block. */
  public static PublicKey parsePublic(String text) {
    boolean pem = text.contains("-----BEGIN");
    byte[] der = pem ? decode(pemBlock(text, "PUBLIC KEY")) : strict(text.strip());
    try {
      PublicKey k = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
      return requireEd25519(k);
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new PackageException("not an Ed25519 public key: " + e.getMessage(), e);
    }
  }

  public static PublicKey readPublic(Path file) {
    return parsePublic(read(file));
  }

  /** The key pair of a {@code .key} file written by {@link #writeKeyPair}. */
  public static KeyPair readKeyPair(Path file) {
    String text = read(file);
    try {
      PrivateKey priv = KeyFactory.getInstance(ALGORITHM)
          .generatePrivate(new PKCS8EncodedKeySpec(decode(pemBlock(text, "PRIVATE KEY"))));
      PublicKey pub = parsePublic(text);
      byte[] probe = "dci key check".getBytes(StandardCharsets.US_ASCII);
      if (!verify(pub, probe, sign(priv, probe))) {
        throw new PackageException(file + ": the private and public keys do not belong together");
      }
      return new KeyPair(pub, priv);
    } catch (GeneralSecurityException e) {
      throw new PackageException(file + ": not an Ed25519 private key: " + e.getMessage(), e);
    }
  }

  /** Writes {@code PREFIX.key}: created mode 600 (refused if it exists, unless {@code overwrite}). */
  public static void writeKeyPair(Path file, KeyPair pair, boolean overwrite) {
    String text = "# DCI package signing key " + keyId(pair.getPublic()) + ": keep it secret\n"
        + pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
    write(file, text, true, overwrite);
  }

  /** Writes {@code PREFIX.pub}, the key blades are told to trust. */
  public static void writePublic(Path file, PublicKey key, boolean overwrite) {
    write(file, "# DCI package publisher key " + keyId(key) + "\n" + pem("PUBLIC KEY", key.getEncoded()), false,
        overwrite);
  }

  public static byte[] sign(PrivateKey key, byte[] data) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new PackageException("cannot sign: " + e.getMessage(), e);
    }
  }

  /** Whether {@code signature} is {@code key}'s over {@code data}; never throws on a bad signature. */
  public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static PublicKey requireEd25519(PublicKey k) {
    if (!(k instanceof EdECKey ed) || !ALGORITHM.equalsIgnoreCase(ed.getParams().getName())) {
      throw new PackageException("not an Ed25519 public key");
    }
    return k;
  }

  private static byte[] decode(String b64) {
    try {
      return Base64.getMimeDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new PackageException("key is not valid base64");
    }
  }

  private static byte[] strict(String b64) {
    try {
      return Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new PackageException("public key is not valid base64");
    }
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  private static String pemBlock(String text, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = text.indexOf(begin);
    int e = b < 0 ? -1 : text.indexOf(end, b);
    if (b < 0 || e < 0) {
      throw new PackageException("no " + label + " block in key text");
    }
    return text.substring(b + begin.length(), e).strip();
  }

  private static String read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new PackageException("no such key file: " + file);
      }
      if (Files.size(file) > MAX_KEY_FILE) {
        throw new PackageException("key file " + file + " is too large to be a key");
      }
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new PackageException("cannot read key file " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, String text, boolean secret, boolean overwrite) {
    try {
      if (overwrite) {
        Files.deleteIfExists(file);
      }
      if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (FileAlreadyExistsException e) {
      throw new PackageException("key file " + file + " exists: not overwritten", e);
    } catch (IOException e) {
      throw new PackageException("cannot write key file " + file + ": " + e.getMessage(), e);
    }
  }
}
