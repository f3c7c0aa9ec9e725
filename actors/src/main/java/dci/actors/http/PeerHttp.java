package dci.actors.http;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Authorization;
import org.apache.pekko.http.javadsl.settings.ConnectionPoolSettings;
import org.apache.pekko.util.ByteString;

/**
 * The one HTTP client between blades: Pekko HTTP's pooled client, whose HTTPS context trusts the
 * cluster CA only (set from the blade's TLS when it starts) and whose pool sizes are in
 * {@code dci-runtime.conf}. Calls to other blades' {@code /internal/*} carry this blade's service
 * token ({@link #call}); a call passed on for a caller carries the caller's own ({@link #send}).
 * Bulk bytes travel here, as entities or streams, never as Artery messages.
 */
public final class PeerHttp {
  /** A whole answer: its status and body. */
  public record Answer(int status, ByteString body) {
    public String text() {
      return body.utf8String();
    }

    public boolean ok() {
      return status / 100 == 2;
    }
  }

  private final ActorSystem<?> system;
  private final Http http;
  private final Supplier<CompletionStage<String>> token;
  private final javax.net.ssl.SSLContext tls;
  /** The pool's settings without retries (read from the configuration once, not per call). */
  private final ConnectionPoolSettings once;

  /** {@code token} gives a current service token (the blade's {@code ServiceTokens::token}). */
  public PeerHttp(ActorSystem<?> system, Supplier<CompletionStage<String>> token) {
    this(system, token, null);
  }

  /** As above; {@code tls} (trusting the cluster CA only) for {@link #postForStream} over HTTPS. */
  public PeerHttp(ActorSystem<?> system, Supplier<CompletionStage<String>> token, javax.net.ssl.SSLContext tls) {
    this.system = system;
    this.http = Http.get(system);
    this.token = token;
    this.tls = tls;
    this.once = ConnectionPoolSettings.create(system.classicSystem()).withMaxRetries(0);
  }

  /**
   * POSTs {@code body} with the service token and hands the answer's body to a blocking reader
   * (an I/O thread reading a long stream, e.g. a restore's chunks), each read waiting at most
   * {@code readTimeout}. The one call not made through the pool, measured: a full restore with
   * the pool's entity stream adapted to an InputStream took 0.96–1.07x restic's time in
   * {@code bench/backup.sh} (four runs, 2026-12-06; target 1.0x), read with
   * {@link java.net.HttpURLConnection} 0.90–0.94x (two runs, same hour): the adapter hands the
   * reader the stream's elements through a queue, one small buffer at a time.
   */
  public java.io.InputStream postForStream(String url, String contentType, byte[] body, Duration readTimeout)
      throws java.io.IOException {
    String bearer;
    try {
      bearer = token.get().toCompletableFuture().get(15, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new java.io.IOException("no service token: " + e.getMessage(), e);
    }
    var c = (java.net.HttpURLConnection) java.net.URI.create(url).toURL().openConnection(java.net.Proxy.NO_PROXY);
    if (c instanceof javax.net.ssl.HttpsURLConnection https && tls != null) {
      https.setSSLSocketFactory(tls.getSocketFactory());
    }
    c.setRequestMethod("POST");
    c.setConnectTimeout(5_000);
    c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
    c.setUseCaches(false);
    c.setRequestProperty("Authorization", "Bearer " + bearer);
    c.setRequestProperty("Content-Type", contentType);
    c.setDoOutput(true);
    c.setFixedLengthStreamingMode(body.length);
    try (java.io.OutputStream out = c.getOutputStream()) {
      out.write(body);
    }
    int status = c.getResponseCode();
    if (status != 200) {
      String why = "";
      try (java.io.InputStream err = c.getErrorStream()) {
        if (err != null) {
          why = new String(err.readNBytes(300), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
      throw new java.io.IOException(url + " answered " + status + (why.isBlank() ? "" : ": " + why.strip()));
    }
    return c.getInputStream();
  }

  /** Sends {@code request} with this blade's service token; the answer's entity is left to the caller. */
  public CompletionStage<HttpResponse> call(HttpRequest request) {
    return token.get().thenCompose(t -> http.singleRequest(request.addHeader(Authorization.oauth2(t))));
  }

  /**
   * Sends {@code request} (its path) with the service token to the blade whose API is {@code api},
   * on a connection of its own outside the pool: for an answer that stays open (a lifeline),
   * which would otherwise hold one of the pool's few connections to that blade for ever.
   */
  public CompletionStage<HttpResponse> callAlone(String api, HttpRequest request) {
    org.apache.pekko.http.javadsl.model.Uri uri = org.apache.pekko.http.javadsl.model.Uri.create(api);
    var to = http.connectionTo(uri.host().address()).toPort(uri.port());
    var flow = "https".equals(uri.scheme()) ? to.https() : to.http();
    return token.get().thenCompose(t -> org.apache.pekko.stream.javadsl.Source.single(
            request.addHeader(Authorization.oauth2(t))).via(flow)
        .runWith(org.apache.pekko.stream.javadsl.Sink.head(), system));
  }

  /** Sends {@code request} as it is (a health probe, or a call passed on with its caller's Authorization). */
  public CompletionStage<HttpResponse> send(HttpRequest request) {
    return http.singleRequest(request);
  }

  /**
   * Sends {@code request} as it is, connecting within {@code connectTimeout} and never retrying
   * (a quick verdict on a blade that may be gone: a health probe, a desk call passed on), answered
   * within {@code timeout} or failed with a {@link java.util.concurrent.TimeoutException}.
   */
  public CompletionStage<HttpResponse> sendOnce(HttpRequest request, Duration connectTimeout, Duration timeout) {
    ConnectionPoolSettings pool = once.withConnectionSettings(
        once.getConnectionSettings().withConnectingTimeout(connectTimeout));
    return http.singleRequest(request, http.defaultClientHttpsContext(), pool, system.classicSystem().log())
        .toCompletableFuture().orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** True when {@code failure} (of a call) is a refused connection: nothing listens on that port. */
  public static boolean refused(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException
          || String.valueOf(t.getMessage()).contains("Connection refused")) {
        return true;
      }
    }
    return false;
  }

  /** Sends {@code request} with the service token and reads the answer whole within {@code timeout}. */
  public CompletionStage<Answer> callWhole(HttpRequest request, Duration timeout) {
    return call(request).thenCompose(rsp -> whole(rsp, timeout));
  }

  /** Reads {@code rsp}'s body whole within {@code timeout}. */
  public CompletionStage<Answer> whole(HttpResponse rsp, Duration timeout) {
    return rsp.entity().toStrict(timeout.toMillis(), system)
        .thenApply(strict -> new Answer(rsp.status().intValue(), strict.getData()));
  }

  /** The blade's actor system (for materializing streamed bodies). */
  public ActorSystem<?> system() {
    return system;
  }
}
