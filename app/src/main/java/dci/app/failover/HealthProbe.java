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
 * endpoint. Only a refused connection (nothing listens on its port: the process is gone) confirms
 * the blade is lost, and then it is downed at once. An answer, or none within the timeout (a blade
 * that is overloaded, paused or cut off), confirms nothing: the split brain resolver decides, so a
 * slow blade is never downed by the shortcut.
 */
final class HealthProbe {
  private final HttpClient http;
  private final Duration timeout;

  HealthProbe(Duration timeout, java.nio.file.Path dataDir) {
    this.timeout = timeout;
    // off loopback blades answer HTTPS only, with certificates of the cluster CA
    this.http = dci.actors.tls.BladeTls.live(dataDir).map(t -> t.httpClient(timeout))
        .orElseGet(() -> HttpClient.newBuilder().connectTimeout(timeout).build());
  }

  /** Completes with why the blade is lost (nothing listens), or null when that is not confirmed. */
  CompletionStage<String> lost(String api) {
    if (api == null) {
      return CompletableFuture.completedFuture(null);
    }
    HttpRequest req = HttpRequest.newBuilder(URI.create(api + "/api/health")).timeout(timeout).GET().build();
    return http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
        .handle((rsp, err) -> {
          if (err == null) {
            return null;
          }
          Throwable c = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
              ? err.getCause() : err;
          return c instanceof java.net.ConnectException ? "nothing listens on " + api + " (connection refused)" : null;
        });
  }
}
