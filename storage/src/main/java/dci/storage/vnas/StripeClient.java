package dci.storage.vnas;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Authorization;
import org.apache.pekko.http.javadsl.model.headers.OAuth2BearerToken;
import org.apache.pekko.util.ByteString;

/**
 * Stripe bytes between blades travel over HTTP ({@code /internal/stripes/ID} on each blade's
 * API port), never as Artery messages: a 4 MiB stripe would block Artery's lanes and its
 * heartbeats. Calls carry the blade's service token.
 */
public final class StripeClient {
  /** Outcome of sending a stripe to a blade. */
  public enum PutOutcome { STORED, FULL, FAILED }

  private final ActorSystem<?> system;
  private final Http http;
  private final ServiceTokens tokens;
  private final Duration timeout;

  public StripeClient(ActorSystem<?> system, ServiceTokens tokens, Duration timeout) {
    this.system = system;
    this.http = Http.get(system);
    this.tokens = tokens;
    this.timeout = timeout;
  }

  public CompletionStage<PutOutcome> put(String api, String hash, ByteString bytes) {
    return call(HttpRequest.create(api + "/internal/stripes/" + hash).withMethod(HttpMethods.PUT)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, bytes)))
        .thenCompose(rsp -> rsp.discardEntityBytes(system).completionStage().thenApply(d -> {
          int code = rsp.status().intValue();
          return code / 100 == 2 ? PutOutcome.STORED : code == 507 ? PutOutcome.FULL : PutOutcome.FAILED;
        }))
        .exceptionally(e -> PutOutcome.FAILED);
  }

  /** The stripe's bytes from that blade; fails if it does not have them intact. */
  public CompletionStage<ByteString> get(String api, String hash) {
    return call(HttpRequest.create(api + "/internal/stripes/" + hash))
        .thenCompose(rsp -> {
          if (rsp.status().intValue() != 200) {
            rsp.discardEntityBytes(system);
            return CompletableFuture.failedFuture(
                new IllegalStateException(api + " answered " + rsp.status().intValue() + " for stripe " + hash));
          }
          return rsp.entity().toStrict(timeout.toMillis(), system).thenApply(e -> e.getData());
        });
  }

  /** Asks that blade to drop its copy. */
  public CompletionStage<Boolean> delete(String api, String hash) {
    return call(HttpRequest.create(api + "/internal/stripes/" + hash).withMethod(HttpMethods.DELETE))
        .thenApply(rsp -> {
          rsp.discardEntityBytes(system);
          return rsp.status().isSuccess();
        })
        .exceptionally(e -> false);
  }

  private CompletionStage<HttpResponse> call(HttpRequest request) {
    return tokens.token().thenCompose(t ->
        http.singleRequest(request.addHeader(Authorization.oauth2(t))));
  }
}
