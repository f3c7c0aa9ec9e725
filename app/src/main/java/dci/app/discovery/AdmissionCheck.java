package dci.app.discovery;

import dci.actors.BladeSettings;
import dci.actors.tls.BladeCredentials;
import dci.actors.tls.Keys;
import dci.actors.tls.Pem;
import dci.actors.tls.TlsBootstrap;
import dci.protocol.discovery.Admission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a waiting node accepts as its admission: the code (compared in constant time) when it
 * was started with one, a certificate over its own public key naming it, signed by the CA that
 * comes with it, and at least one seed. Accepted, the credentials are written as a join
 * bundle's would be ({@link TlsBootstrap#install}) and the seeds kept for later starts.
 */
final class AdmissionCheck {
  private static final int MAX_SEEDS = 64;

  /** The answer to an admission: {@code ok}, or the HTTP status and reason of the refusal. */
  record Verdict(boolean ok, int status, String reason) {
    static Verdict refused(int status, String reason) {
      return new Verdict(false, status, reason);
    }
  }

  private final BladeSettings settings;
  private final CandidateKey key;
  private final byte[] code;

  AdmissionCheck(BladeSettings settings, CandidateKey key, String code) {
    this.settings = settings;
    this.key = key;
    this.code = code == null ? null : code.getBytes(StandardCharsets.UTF_8);
  }

  Verdict accept(Admission a) {
    if (code != null) {
      byte[] given = a.code() == null ? new byte[0] : a.code().getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(code, given)) {
        return Verdict.refused(403, a.code() == null ? "this node needs its admission code" : "wrong admission code");
      }
    }
    if (a.certificate() == null || a.ca() == null || a.seeds() == null || a.seeds().isEmpty()) {
      return Verdict.refused(400, "certificate, ca and seeds are required");
    }
    if (a.seeds().size() > MAX_SEEDS) {
      return Verdict.refused(400, "at most " + MAX_SEEDS + " seeds");
    }
    List<String> seeds;
    X509Certificate cert;
    X509Certificate ca;
    try {
      seeds = a.seeds().stream().peek(BladeSettings::parseSeed).toList();
      cert = one(Pem.certificates(a.certificate()), "certificate");
      ca = one(Pem.certificates(a.ca()), "ca");
    } catch (IllegalArgumentException e) {
      return Verdict.refused(400, e.getMessage());
    }
    if (!cert.getPublicKey().equals(key.pair().getPublic())) {
      return Verdict.refused(400, "the certificate is not over this node's key (fingerprint " + key.fingerprint() + ")");
    }
    if (ca.getBasicConstraints() < 0 || !Keys.signedBy(cert, ca)) {
      return Verdict.refused(400, "the certificate is not signed by the CA given with it");
    }
    BladeCredentials credentials;
    try {
      // checks the name, the signature and that the key fits once more
      credentials = new BladeCredentials(settings.name(), key.pair().getPrivate(), cert, ca);
      TlsBootstrap.install(settings, credentials);
      AdmittedSeeds.write(settings.dataDir(), seeds);
      CandidateKey.forget(settings.dataDir());
    } catch (IllegalArgumentException e) {
      return Verdict.refused(400, e.getMessage());
    } catch (IOException | java.io.UncheckedIOException e) {
      return Verdict.refused(500, "cannot keep the credentials: " + e.getMessage());
    }
    return new Verdict(true, 200, "admitted");
  }

  private static X509Certificate one(List<X509Certificate> certs, String what) {
    if (certs.size() != 1) {
      throw new IllegalArgumentException(what + " must be one PEM certificate");
    }
    return certs.get(0);
  }
}
