package dci.app.failover;

import dci.actors.http.PeerHttp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * A second opinion on a blade the cluster suspects, through another channel: its HTTP health
 * endpoint. Only a refused connection (nothing listens on its port: the process is gone) confirms
 * the blade is lost, and then it is downed at once. An answer, or none within the timeout (a blade
 * that is overloaded, paused or cut off), confirms nothing: the split brain resolver decides, so a
 * slow blade is never downed by the shortcut.
 */
final class HealthProbe {
  private final PeerHttp peers;
  private final Duration timeout;

  HealthProbe(Duration timeout, PeerHttp peers) {
    this.timeout = timeout;
    this.peers = peers;
  }

  /** Completes with why the blade is lost (nothing listens), or null when that is not confirmed. */
  CompletionStage<String> lost(String api) {
    if (api == null) {
      return CompletableFuture.completedFuture(null);
    }
    return peers.sendOnce(HttpRequest.GET(api + "/api/health"), timeout, timeout)
        .handle((rsp, err) -> {
          if (err == null) {
            rsp.discardEntityBytes(peers.system());
            return null;
          }
          return PeerHttp.refused(err) ? "nothing listens on " + api + " (connection refused)" : null;
        });
  }
}
