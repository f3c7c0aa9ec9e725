package dci.app.discovery;

import dci.actors.tls.ClusterCa;
import dci.actors.tls.Keys;
import dci.actors.tls.Pem;
import dci.actors.tls.TlsDir;
import dci.hardware.SecretFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The key pair a node waiting for admission made for itself, kept in {@code DATA/tls}
 * ({@code candidate.key} mode 600, {@code candidate.pub}) so a restart shows the same
 * fingerprint. Once admitted, the private key becomes the blade's {@code blade.key}; it never
 * leaves the machine. Its admission listener serves TLS with a self-signed certificate over it.
 */
record CandidateKey(KeyPair pair, X509Certificate selfSigned) {

  /** Loads the waiting node's key from {@code dataDir}, or makes (and keeps) a new one. */
  static CandidateKey loadOrMake(Path dataDir, String name) {
    TlsDir dir = TlsDir.of(dataDir);
    Path key = dir.path().resolve("candidate.key");
    Path pub = dir.path().resolve("candidate.pub");
    try {
      KeyPair pair;
      if (Files.isRegularFile(key) && Files.isRegularFile(pub)) {
        pair = new KeyPair(Pem.publicKey(Files.readString(pub)), Pem.privateKey(Files.readString(key)));
        if (!Keys.match(pair.getPrivate(), ClusterCa.selfSigned("check", pair))) {
          throw new IllegalArgumentException(key + " and " + pub + " are not one key pair: remove both to make a new one");
        }
      } else {
        pair = ClusterCa.newKeyPair();
        Files.createDirectories(dataDir);
        if (!Files.isDirectory(dir.path())) {
          Files.createDirectory(dir.path(), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
        SecretFile.write(key, Pem.of(pair.getPrivate()).strip());
        Files.writeString(pub, Pem.of(pair.getPublic()));
      }
      return new CandidateKey(pair, ClusterCa.selfSigned("DCI candidate " + name, pair));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the candidate key in " + dir.path() + ": " + e.getMessage(), e);
    }
  }

  /** Removes the candidate's files once its key is the blade's own. */
  static void forget(Path dataDir) throws IOException {
    TlsDir dir = TlsDir.of(dataDir);
    Files.deleteIfExists(dir.path().resolve("candidate.key"));
    Files.deleteIfExists(dir.path().resolve("candidate.pub"));
  }

  String fingerprint() {
    return Keys.fingerprint(pair.getPublic());
  }

  String publicKeyPem() {
    return Pem.of(pair.getPublic());
  }

  /** A server TLS context that presents the self-signed certificate. */
  SSLContext serverContext() {
    try {
      char[] pw = "dci-candidate".toCharArray();
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("candidate", pair.getPrivate(), pw, new Certificate[] {selfSigned});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pw);
      SSLContext ctx = SSLContext.getInstance("TLSv1.3");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot serve the admission listener's TLS: " + e.getMessage(), e);
    }
  }
}
