package dci.actors.tls;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An SSLEngine that reports a failed handshake to the blade's {@link RefusalLog} (Artery's own
 * streams drop such failures silently), and that ends a connection Pekko's TLS stage would
 * otherwise hold open for ever; everything else is the JDK's engine.
 *
 * <p>The second works around Pekko's TLS stage (1.7.0): after an engine exception it reads
 * {@code isOutboundDone()} to choose between ending and flushing the alert the engine queued, but
 * it keeps the handshake status from before the exception. When that status was not NEED_WRAP
 * (an unwrap of the peer's bytes failed) and the stage still held bytes of its own, it waited to
 * flush for ever; Artery's shutdown waits for every connection, so the blade's actor system never
 * terminated. Such an engine answers done both ways: the connection closes without the alert
 * (a peer whose bytes broke the session would not read it). A failure while the engine asked to
 * wrap (a certificate refused) still sends its alert, so the peer learns why.
 */
final class ObservedEngine extends SSLEngine {
  private final SSLEngine engine;
  private final RefusalLog refusals;
  private final String peer;
  private boolean reported;
  private boolean established;
  private volatile boolean stranded;

  ObservedEngine(SSLEngine engine, RefusalLog refusals, String peer) {
    super(engine.getPeerHost(), engine.getPeerPort());
    this.engine = engine;
    this.refusals = refusals;
    this.peer = peer;
  }

  /** Notes the end of the handshake: a failure after it is a broken connection, not a refusal. */
  private SSLEngineResult seen(SSLEngineResult r) {
    if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
      established = true;
    }
    return r;
  }

  private SSLException observed(SSLException e, SSLEngineResult.HandshakeStatus before) {
    if (before != SSLEngineResult.HandshakeStatus.NEED_WRAP) {
      stranded = true;
    }
    if (!reported && !established) {
      reported = true;
      refusals.refused(peer, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    return e;
  }

  @Override
  public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
    SSLEngineResult.HandshakeStatus before = engine.getHandshakeStatus();
    try {
      return seen(engine.wrap(srcs, offset, length, dst));
    } catch (SSLException e) {
      throw observed(e, before);
    }
  }

  @Override
  public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
    SSLEngineResult.HandshakeStatus before = engine.getHandshakeStatus();
    try {
      return seen(engine.unwrap(src, dsts, offset, length));
    } catch (SSLException e) {
      throw observed(e, before);
    }
  }

  @Override
  public Runnable getDelegatedTask() {
    return engine.getDelegatedTask();
  }

  @Override
  public void closeInbound() throws SSLException {
    if (!stranded) {
      engine.closeInbound();
    }
  }

  @Override
  public boolean isInboundDone() {
    return stranded || engine.isInboundDone();
  }

  @Override
  public void closeOutbound() {
    engine.closeOutbound();
  }

  @Override
  public boolean isOutboundDone() {
    return stranded || engine.isOutboundDone();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return engine.getSupportedCipherSuites();
  }

  @Override
  public String[] getEnabledCipherSuites() {
    return engine.getEnabledCipherSuites();
  }

  @Override
  public void setEnabledCipherSuites(String[] suites) {
    engine.setEnabledCipherSuites(suites);
  }

  @Override
  public String[] getSupportedProtocols() {
    return engine.getSupportedProtocols();
  }

  @Override
  public String[] getEnabledProtocols() {
    return engine.getEnabledProtocols();
  }

  @Override
  public void setEnabledProtocols(String[] protocols) {
    engine.setEnabledProtocols(protocols);
  }

  @Override
  public SSLSession getSession() {
    return engine.getSession();
  }

  @Override
  public SSLSession getHandshakeSession() {
    return engine.getHandshakeSession();
  }

  @Override
  public void beginHandshake() throws SSLException {
    engine.beginHandshake();
  }

  @Override
  public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
    return engine.getHandshakeStatus();
  }

  @Override
  public void setUseClientMode(boolean mode) {
    engine.setUseClientMode(mode);
  }

  @Override
  public boolean getUseClientMode() {
    return engine.getUseClientMode();
  }

  @Override
  public void setNeedClientAuth(boolean need) {
    engine.setNeedClientAuth(need);
  }

  @Override
  public boolean getNeedClientAuth() {
    return engine.getNeedClientAuth();
  }

  @Override
  public void setWantClientAuth(boolean want) {
    engine.setWantClientAuth(want);
  }

  @Override
  public boolean getWantClientAuth() {
    return engine.getWantClientAuth();
  }

  @Override
  public void setEnableSessionCreation(boolean flag) {
    engine.setEnableSessionCreation(flag);
  }

  @Override
  public boolean getEnableSessionCreation() {
    return engine.getEnableSessionCreation();
  }

  @Override
  public SSLParameters getSSLParameters() {
    return engine.getSSLParameters();
  }

  @Override
  public void setSSLParameters(SSLParameters params) {
    engine.setSSLParameters(params);
  }

  @Override
  public String getApplicationProtocol() {
    return engine.getApplicationProtocol();
  }

  @Override
  public String getHandshakeApplicationProtocol() {
    return engine.getHandshakeApplicationProtocol();
  }

  @Override
  public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
    engine.setHandshakeApplicationProtocolSelector(selector);
  }

  @Override
  public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
    return engine.getHandshakeApplicationProtocolSelector();
  }
}
