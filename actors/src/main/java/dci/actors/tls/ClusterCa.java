package dci.actors.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's certificate authority: made once, when a cluster is first formed, on the
 * forming blade (its key never leaves that blade's {@code DATA/tls/ca.key}). It signs each
 * blade's certificate; blades trust exactly the certificates it signed.
 */
public final class ClusterCa {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration CA_VALIDITY = Duration.ofDays(20 * 365);
  /** A blade certificate's lifetime: rotate with {@code dci cert issue} before it ends. */
  public static final Duration BLADE_VALIDITY = Duration.ofDays(5 * 365);

  private final X509Certificate cert;
  private final PrivateKey key;

  public ClusterCa(X509Certificate cert, PrivateKey key) {
    this.cert = cert;
    this.key = key;
    if (cert.getBasicConstraints() < 0) {
      throw new IllegalArgumentException("the CA certificate is not a CA (no basic constraints)");
    }
    if (!Keys.match(key, cert)) {
      throw new IllegalArgumentException("the CA key does not belong to the CA certificate");
    }
  }

  /** A new CA with a fresh P-256 key, named after {@code cluster}. */
  public static ClusterCa create(String cluster) {
    KeyPair pair = newKeyPair();
    X500Name name = name("DCI cluster CA " + cluster);
    Instant now = Instant.now();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_VALIDITY)), name, pair.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      return new ClusterCa(sign(b, pair.getPrivate()), pair.getPrivate());
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot make the cluster CA: " + e.getMessage(), e);
    }
  }

  public X509Certificate certificate() {
    return cert;
  }

  public PrivateKey key() {
    return key;
  }

  /**
   * A new key and certificate for blade {@code blade}: it authenticates the blade on Artery
   * (client and server) and serves its HTTPS, valid for loopback and for {@code hosts}
   * (addresses or DNS names the blade's API is reached by).
   */
  public BladeCredentials issue(String blade, List<String> hosts) {
    KeyPair pair = newKeyPair();
    return new BladeCredentials(blade, pair.getPrivate(), issue(blade, hosts, pair.getPublic()), cert);
  }

  /**
   * A certificate for blade {@code blade} over a public key it made itself (its private key never
   * leaves it: {@code dci admit}), with the same uses and names as {@link #issue(String, List)}.
   */
  public X509Certificate issue(String blade, List<String> hosts, PublicKey publicKey) {
    dci.protocol.auth.Names.requireBladeName(blade);
    if (!publicKey.getAlgorithm().equals("EC") && !publicKey.getAlgorithm().equals("RSA")) {
      throw new IllegalArgumentException("a blade's key must be EC or RSA, not " + publicKey.getAlgorithm());
    }
    Instant now = Instant.now();
    Set<String> all = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
    all.addAll(hosts);
    List<GeneralName> names = new ArrayList<>();
    for (String h : all) {
      names.add(Hosts.isAddress(h) ? new GeneralName(GeneralName.iPAddress, h) : new GeneralName(GeneralName.dNSName, h));
    }
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(cert, serial(),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(BLADE_VALIDITY)), name(blade),
          publicKey)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
          .addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
          .addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(names.toArray(GeneralName[]::new)))
          .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(cert))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
      return sign(b, key);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + blade + ": " + e.getMessage(), e);
    }
  }

  /**
   * A self-signed certificate over {@code pair}, named {@code commonName}: what a node waiting
   * for admission serves its admission listener's TLS with (clients pin its key, not a CA).
   */
  public static X509Certificate selfSigned(String commonName, KeyPair pair) {
    X500Name name = name(commonName);
    Instant now = Instant.now();
    try {
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(BLADE_VALIDITY)), name, pair.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      return sign(b, pair.getPrivate());
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "DCI").addRDN(BCStyle.CN, commonName).build();
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).setBit(126);
  }

  /** A fresh EC P-256 key pair. */
  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no EC P-256 key generator: " + e.getMessage(), e);
    }
  }
}
