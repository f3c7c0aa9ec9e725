package dci.app.failover;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A second opinion on a blade the cluster suspects, through another channel: its HTTP health
 * endpoint. A refused connection (nothing listens: the process is gone) or no answer within the
 * timeout confirms the blade is lost; any answer means it lives and only its heartbeats are late.
 */
final class HealthProbe {
  private final HttpClient http;
  private final Duration timeout;

  HealthProbe(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Completes with null if the blade answered, else with why it is considered lost. */
  CompletionStage<String> lost(String api) {
    if (api == null) {
      return CompletableFuture.completedFuture("its API address is unknown");
    }
    HttpRequest req = HttpRequest.newBuilder(URI.create(api + "/api/health")).timeout(timeout).GET().build();
    return http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
        .handle((rsp, err) -> {
          if (err == null) {
            return null;
          }
          Throwable c = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
              ? err.getCause() : err;
          return c instanceof java.net.ConnectException ? "nothing listens on " + api + " (connection refused)"
              : c instanceof java.net.http.HttpTimeoutException ? api + " did not answer within " + timeout.toMillis() + " ms"
              : api + " failed: " + c;
        });
  }
}
