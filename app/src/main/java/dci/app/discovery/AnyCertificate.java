package dci.app.discovery;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client TLS context that accepts the server's certificate whatever it is, and skips the host
 * name check: for waiting nodes' self-signed certificates only, whose key {@link CandidateClient}
 * checks itself after the handshake. Never for anything that relies on a CA.
 */
final class AnyCertificate extends X509ExtendedTrustManager {
  private AnyCertificate() {}

  static SSLContext context() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLSv1.3");
      ctx.init(null, new TrustManager[] {new AnyCertificate()}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS 1.3: " + e.getMessage(), e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
    // the key is checked after the handshake
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    // the key is checked after the handshake
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {
    // the key is checked after the handshake
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws java.security.cert.CertificateException {
    throw new java.security.cert.CertificateException("a client context");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws java.security.cert.CertificateException {
    throw new java.security.cert.CertificateException("a client context");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws java.security.cert.CertificateException {
    throw new java.security.cert.CertificateException("a client context");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
