package dci.actors.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;

/**
 * A running blade's TLS: its credentials, the SSL context built from them (mutual
 * authentication on Artery, the server side of HTTPS, the client side of blade-to-blade HTTPS),
 * the serials it refuses (revoked), and its refusal log. One per blade, found by its data
 * directory, so the Artery transport (which Pekko builds from configuration) and the blade's
 * actors share it.
 */
public final class BladeTls {
  private static final ConcurrentHashMap<Path, BladeTls> LIVE = new ConcurrentHashMap<>();
  private static final String[] PROTOCOLS = {"TLSv1.3"};

  private final TlsDir dir;
  private final BladeCredentials credentials;
  private final SSLContext context;
  private final RefusalLog refusals;
  private volatile Set<String> revoked;

  private BladeTls(TlsDir dir, BladeCredentials credentials, Set<String> revoked) {
    this.dir = dir;
    this.credentials = credentials;
    this.revoked = Set.copyOf(revoked);
    this.refusals = new RefusalLog(credentials.blade(), Duration.ofMinutes(1));
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("blade", credentials.key(), new char[0],
          new X509Certificate[] {credentials.certificate(), credentials.ca()});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
      kmf.init(keys, new char[0]);
      context = SSLContext.getInstance("TLSv1.3");
      context.init(kmf.getKeyManagers(),
          new TrustManager[] {new CheckingTrustManager(credentials.ca(), () -> this.revoked)}, null);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot set up TLS for " + credentials.blade() + ": " + e.getMessage(), e);
    }
  }

  /** Loads blade {@code blade}'s TLS from its {@code DATA/tls}. */
  public static BladeTls load(TlsDir dir, String blade) {
    return new BladeTls(dir, dir.credentials(blade), dir.readRevoked());
  }

  /** Makes {@code tls} the live TLS of the blade with this data directory. */
  static void register(Path dataDir, BladeTls tls) {
    LIVE.put(dataDir.toAbsolutePath().normalize(), tls);
  }

  static void unregister(Path dataDir, BladeTls tls) {
    LIVE.remove(dataDir.toAbsolutePath().normalize(), tls);
  }

  /** The live TLS of the blade with data directory {@code dataDir}, once its transport runs. */
  public static Optional<BladeTls> live(Path dataDir) {
    return Optional.ofNullable(LIVE.get(dataDir.toAbsolutePath().normalize()));
  }

  public BladeCredentials credentials() {
    return credentials;
  }

  public TlsDir dir() {
    return dir;
  }

  /** The context for HTTPS (server and blade-to-blade client), trusting the cluster CA only. */
  public SSLContext context() {
    return context;
  }

  public RefusalLog refusals() {
    return refusals;
  }

  public Set<String> revoked() {
    return revoked;
  }

  /** From now on refuses peers whose certificate has one of {@code serials}; kept on disk too. */
  public void setRevoked(Set<String> serials) throws java.io.IOException {
    if (!serials.equals(revoked)) {
      revoked = Set.copyOf(serials);
      dir.writeRevoked(serials);
    }
  }

  /** An Artery server engine: TLS 1.3, a certificate from the cluster CA required of the client. */
  SSLEngine serverEngine() {
    SSLEngine e = context.createSSLEngine();
    e.setUseClientMode(false);
    e.setNeedClientAuth(true);
    e.setEnabledProtocols(PROTOCOLS);
    return new ObservedEngine(e, refusals, "an inbound Artery connection (the TLS layer is not told its address)");
  }

  /** An Artery client engine towards {@code host:port}. */
  SSLEngine clientEngine(String host, int port) {
    SSLEngine e = context.createSSLEngine(host, port);
    e.setUseClientMode(true);
    e.setEnabledProtocols(PROTOCOLS);
    return new ObservedEngine(e, refusals, host + ":" + port);
  }
}
