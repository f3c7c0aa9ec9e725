package dci.actors.tls;

import dci.protocol.tls.CertRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.ORSet;
import org.apache.pekko.cluster.ddata.ORSetKey;

/** The replicated keys of the cluster's certificates (durable: {@code dci-tls-*}). */
final class CertKeys {
  /** Serial -> the certificate issued under it. */
  static final Key<LWWMap<String, CertRecord>> CERTS = LWWMapKey.create("dci-tls-certs");
  /** Serials no blade accepts any more. */
  static final Key<ORSet<String>> REVOKED = ORSetKey.create("dci-tls-revoked");

  private CertKeys() {}

  static CertRecord record(BladeCredentials c, boolean caHolder) {
    return record(c.blade(), c.certificate(), caHolder);
  }

  static CertRecord record(String blade, java.security.cert.X509Certificate cert, boolean caHolder) {
    List<String> hosts = new ArrayList<>();
    try {
      var sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        sans.forEach(san -> hosts.add(String.valueOf(san.get(1))));
      }
    } catch (java.security.cert.CertificateParsingException e) {
      // listed without hosts
    }
    return new CertRecord(blade, Keys.serial(cert), Keys.fingerprint(cert), cert.getNotAfter().toInstant(), hosts,
        caHolder, Instant.now());
  }
}
