package dci.app.cli;

import dci.actors.tls.Keys;
import dci.actors.tls.Pem;
import dci.actors.tls.TrustOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The CLI's trust in a cluster's CA, for blades served over HTTPS: the CA certificate kept beside
 * the credentials ({@code ca.crt}), put there by {@code dci login --cacert FILE} or by trust on
 * first use (its fingerprint printed); {@code $DCI_CACERT} names another file.
 */
final class CliTrust {
  private static volatile Map<String, String> env = System.getenv();

  private CliTrust() {}

  static void use(Map<String, String> e) {
    env = e;
  }

  static Path caFile(Map<String, String> e) {
    return Credentials.file(e).resolveSibling("ca.crt");
  }

  /** The trusted CA file in force, if there is one. */
  static Path trusted() {
    String explicit = env.get("DCI_CACERT");
    Path f = explicit != null && !explicit.isBlank() ? Path.of(explicit) : caFile(env);
    return Files.isRegularFile(f) ? f : null;
  }

  /** An SSL context trusting the kept CA, or null to use the JDK's own trust. */
  static SSLContext context() {
    Path f = trusted();
    if (f == null) {
      return null;
    }
    try {
      List<X509Certificate> cas = Pem.certificates(Files.readString(f, StandardCharsets.US_ASCII));
      if (cas.isEmpty()) {
        throw new CliError(CliError.USAGE, f + " holds no certificate");
      }
      return TrustOnly.context(cas);
    } catch (IOException | IllegalArgumentException e) {
      throw new CliError(CliError.USAGE, "cannot read the trusted CA " + f + ": " + e.getMessage());
    }
  }

  /** Keeps {@code pem} (a CA certificate) as the trusted CA; answers its fingerprint. */
  static String keep(String pem) {
    List<X509Certificate> certs = Pem.certificates(pem);
    if (certs.isEmpty() || certs.get(0).getBasicConstraints() < 0) {
      throw new CliError(CliError.USAGE, "not a CA certificate (expected the cluster's DATA/tls/ca.crt)");
    }
    Path f = caFile(env);
    try {
      Files.createDirectories(f.getParent());
      Files.writeString(f, Pem.of(certs.get(0)), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the CA in " + f + ": " + e.getMessage(), e);
    }
    return Keys.fingerprint(certs.get(0));
  }

  /**
   * Trust on first use: the CA at the top of the chain {@code url} presents (a blade sends its
   * certificate and the cluster CA's), taken only when it signed the blade's certificate.
   */
  static X509Certificate firstUse(String url) {
    URI u = URI.create(url);
    int port = u.getPort() > 0 ? u.getPort() : 443;
    X509Certificate[][] seen = new X509Certificate[1][];
    TrustManager capture = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
        seen[0] = chain;
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {capture}, null);
      try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(u.getHost(), port)) {
        s.setSoTimeout(5_000);
        s.startHandshake();
      }
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new CliError(CliError.UNREACHABLE, "cannot reach " + url + " over HTTPS: " + e.getMessage());
    }
    X509Certificate[] chain = seen[0];
    if (chain == null || chain.length < 2 || chain[chain.length - 1].getBasicConstraints() < 0
        || !Keys.signedBy(chain[0], chain[chain.length - 1])) {
      throw new CliError(CliError.FAILED, url + " did not present a blade certificate with its cluster CA: "
          + "log in with --cacert DATA/tls/ca.crt of the cluster");
    }
    return chain[chain.length - 1];
  }

  /** A JDK HTTP client that trusts the kept CA for HTTPS blades. */
  static java.net.http.HttpClient httpClient(java.time.Duration connectTimeout) {
    java.net.http.HttpClient.Builder b = java.net.http.HttpClient.newBuilder().connectTimeout(connectTimeout);
    if (trusted() != null) {
      b.sslContext(context());
    }
    return b.build();
  }
}
