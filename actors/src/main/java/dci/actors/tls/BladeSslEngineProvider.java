package dci.actors.tls;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.remote.artery.tcp.SSLEngineProvider;
import scala.Option;

/**
 * Artery's TLS ({@code pekko.remote.artery.ssl.ssl-engine-provider}): mutual authentication
 * with certificates from the cluster CA, read from the blade's {@code DATA/tls}. A peer without
 * one, with one from another CA, or with a revoked one fails the handshake and never reaches
 * the cluster. Hostnames are not verified: a blade is who the cluster CA says it is, wherever
 * it runs.
 */
public final class BladeSslEngineProvider implements SSLEngineProvider {
  private final BladeTls tls;

  public BladeSslEngineProvider(ActorSystem system) {
    Config c = system.settings().config();
    Path data = Path.of(c.getString("dci.blade.data"));
    this.tls = BladeTls.load(TlsDir.of(data), c.getString("dci.blade.name"));
    BladeTls.register(data, tls);
    system.registerOnTermination(() -> BladeTls.unregister(data, tls));
  }

  @Override
  public SSLEngine createServerSSLEngine(String hostname, int port) {
    return tls.serverEngine();
  }

  @Override
  public SSLEngine createClientSSLEngine(String hostname, int port) {
    return tls.clientEngine(hostname, port);
  }

  @Override
  public Option<Throwable> verifyClientSession(String hostname, SSLSession session) {
    return verify(session);
  }

  @Override
  public Option<Throwable> verifyServerSession(String hostname, SSLSession session) {
    return verify(session);
  }

  /** A session that outlived a revocation is refused when it is next verified. */
  private Option<Throwable> verify(SSLSession session) {
    try {
      Certificate[] peer = session.getPeerCertificates();
      if (peer.length > 0 && peer[0] instanceof X509Certificate x && tls.revoked().contains(Keys.serial(x))) {
        return Option.apply(new SSLPeerUnverifiedException("the certificate of '" + Keys.commonName(x) + "' is revoked"));
      }
      return Option.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Option.apply(e);
    }
  }
}
