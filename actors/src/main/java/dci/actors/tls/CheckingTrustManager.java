package dci.actors.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a peer whose certificate the cluster CA signed (PKIX path and dates, as the JDK
 * checks them) and that is not revoked; anything else is refused with a reason that names the
 * certificate's subject ({@link ObservedEngine} logs it).
 */
final class CheckingTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager pkix;
  private final Supplier<Set<String>> revoked;

  CheckingTrustManager(X509Certificate ca, Supplier<Set<String>> revoked) {
    this.revoked = revoked;
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("dci-cluster-ca", ca);
      TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
      f.init(trust);
      X509ExtendedTrustManager found = null;
      for (TrustManager tm : f.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager x) {
          found = x;
        }
      }
      if (found == null) {
        throw new IllegalStateException("no X.509 trust manager");
      }
      this.pkix = found;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot trust the cluster CA: " + e.getMessage(), e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, () -> pkix.checkClientTrusted(chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, () -> pkix.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, () -> pkix.checkClientTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, () -> pkix.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain, () -> pkix.checkClientTrusted(chain, authType));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain, () -> pkix.checkServerTrusted(chain, authType));
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return pkix.getAcceptedIssuers();
  }

  private interface Check {
    void run() throws CertificateException;
  }

  private void check(X509Certificate[] chain, Check pkixCheck) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("no certificate presented");
    }
    String who = "'" + Keys.commonName(chain[0]) + "' (serial " + Keys.serial(chain[0]) + ")";
    try {
      pkixCheck.run();
    } catch (CertificateException e) {
      throw new CertificateException("the certificate of " + who + " is not from this cluster's CA: " + e.getMessage(), e);
    }
    if (revoked.get().contains(Keys.serial(chain[0]))) {
      throw new CertificateException("the certificate of " + who + " is revoked");
    }
  }
}
