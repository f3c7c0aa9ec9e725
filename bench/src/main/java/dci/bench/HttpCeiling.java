package dci.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.util.ByteString;

/**
 * The most a Pekko HTTP server can do for small WebDAV requests on this machine: a bare
 * server (no index, no stripes, no disk, no authentication) that answers every GET with the
 * same 4 KiB body from memory and every PUT by reading the body whole and answering 201.
 * The VNAS mount points are Pekko HTTP servers doing all of that and more per request, so their
 * small-file figures cannot pass this one's. Run by {@code bench/http-ceiling.sh}.
 *
 * <p>Usage: {@code HttpCeiling PORT}; listens on 127.0.0.1 until killed.
 */
public final class HttpCeiling {
  private HttpCeiling() {}

  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    ByteString body = ByteString.fromArray(new byte[4096]);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "ceiling",
        com.typesafe.config.ConfigFactory.parseString("pekko.loglevel = WARNING")
            .withFallback(com.typesafe.config.ConfigFactory.load()));
    Function<HttpRequest, CompletionStage<HttpResponse>> handler = request -> {
      if (request.method().equals(HttpMethods.PUT)) {
        // read whole (toStrict): quicker here than folding the entity's stream (about 2x)
        return request.entity().toStrict(5000, system)
            .thenApply(e -> HttpResponse.create().withStatus(StatusCodes.CREATED));
      }
      return CompletableFuture.completedFuture(
          HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, body)));
    };
    Http.get(system).newServerAt("127.0.0.1", port).bind(handler).toCompletableFuture().join();
    System.out.println("listening on 127.0.0.1:" + port);
    new CountDownLatch(1).await();
  }
}
