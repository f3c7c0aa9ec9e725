package dci.actors.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** An SSL context for clients that trusts the given CA certificates and nothing else. */
public final class TrustOnly {
  private TrustOnly() {}

  public static SSLContext context(List<X509Certificate> cas) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (X509Certificate ca : cas) {
        trust.setCertificateEntry("ca-" + i++, ca);
      }
      TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
      f.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, f.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot trust the given CA: " + e.getMessage(), e);
    }
  }
}
