package dci.actors.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text of certificates and PKCS#8 private keys, read and written with the JDK alone. */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]{1,40})-----\\s*([A-Za-z0-9+/=\\s]{1,65536}?)-----END \\1-----");

  private Pem() {}

  /** One PEM block: its label ("CERTIFICATE", "PRIVATE KEY") and its DER bytes. */
  public record Block(String label, byte[] der) {}

  /** The PEM blocks of {@code text}, in order; text around them is ignored. */
  public static List<Block> blocks(String text) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      try {
        out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a PEM " + m.group(1) + " block is not valid base64");
      }
    }
    return out;
  }

  /** The certificates of {@code text}, in order. */
  public static List<X509Certificate> certificates(String text) {
    List<X509Certificate> out = new ArrayList<>();
    for (Block b : blocks(text)) {
      if (b.label().equals("CERTIFICATE")) {
        out.add(certificate(b.der()));
      }
    }
    return out;
  }

  /** The one private key of {@code text} (PKCS#8, EC or RSA). */
  public static PrivateKey privateKey(String text) {
    for (Block b : blocks(text)) {
      if (b.label().equals("PRIVATE KEY")) {
        return privateKey(b.der());
      }
    }
    throw new IllegalArgumentException("no PRIVATE KEY block");
  }

  /** The one public key of {@code text} (X.509 SubjectPublicKeyInfo, EC or RSA). */
  public static java.security.PublicKey publicKey(String text) {
    for (Block b : blocks(text)) {
      if (b.label().equals("PUBLIC KEY")) {
        for (String algorithm : new String[] {"EC", "RSA"}) {
          try {
            return KeyFactory.getInstance(algorithm).generatePublic(new java.security.spec.X509EncodedKeySpec(b.der()));
          } catch (GeneralSecurityException e) {
            // try the next algorithm
          }
        }
        throw new IllegalArgumentException("not an EC or RSA public key");
      }
    }
    throw new IllegalArgumentException("no PUBLIC KEY block");
  }

  /** The PEM text of a public key. */
  public static String of(java.security.PublicKey key) {
    return block("PUBLIC KEY", key.getEncoded());
  }

  static X509Certificate certificate(byte[] der) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
    }
  }

  static PrivateKey privateKey(byte[] der) {
    for (String algorithm : new String[] {"EC", "RSA"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException("not a PKCS#8 EC or RSA private key");
  }

  /** The PEM text of a certificate. */
  public static String of(X509Certificate cert) {
    try {
      return block("CERTIFICATE", cert.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The PEM text of a private key (PKCS#8). */
  public static String of(PrivateKey key) {
    return block("PRIVATE KEY", key.getEncoded());
  }

  private static String block(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }
}
