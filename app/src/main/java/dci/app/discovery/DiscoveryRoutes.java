package dci.app.discovery;

import dci.actors.directory.Directory;
import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.protocol.auth.Role;
import dci.protocol.discovery.AdmitRequest;
import dci.protocol.discovery.DiscoverRequest;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /api/discover} (probe addresses for blades and waiting nodes) and {@code POST
 * /api/admit} (admit a waiting node), both for admins: discovery opens connections to other
 * machines, admission lets a machine into the cluster.
 */
final class DiscoveryRoutes extends AllDirectives {
  private static final long MAX_JSON = 64 * 1024;
  private static final Duration ASK = Duration.ofSeconds(5);

  private final Gate api;
  private final ActorSystem<?> system;
  private final ActorRef<Directory.Command> directory;
  private final Executor io;
  private final Discoverer discoverer;
  private final Admitter admitter;

  DiscoveryRoutes(FeatureContext c, Discoverer discoverer, Admitter admitter) {
    this.api = c.gate();
    this.system = c.system();
    this.directory = c.parts().directory();
    this.io = c.io();
    this.discoverer = discoverer;
    this.admitter = admitter;
  }

  Route routes() {
    return concat(
        path("discover", () -> post(() -> api.authorize(Role.ADMIN, who -> withSizeLimit(MAX_JSON, () ->
            api.json(DiscoverRequest.class, req -> completeWithFuture(discover(req))))))),
        path("admit", () -> post(() -> api.authorize(Role.ADMIN, who -> headerValueByName("Authorization", auth ->
            withSizeLimit(MAX_JSON, () -> api.json(AdmitRequest.class, req -> completeWithFuture(admit(req, auth)))))))));
  }

  private CompletionStage<HttpResponse> discover(DiscoverRequest req) {
    int port;
    try {
      port = Discoverer.port(req.port());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
    // names are resolved and the range expanded off the dispatcher; a bad one is a 400
    return CompletableFuture.supplyAsync(() -> discoverer.targets(req), io).thenCompose((List<InetAddress> targets) ->
        AskPattern.ask(directory, Directory.GetBlades::new, ASK, system.scheduler())
            .thenApplyAsync(b -> {
              try {
                return Responses.ok(discoverer.discover(targets, port, b.blades(), io));
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }, io))
        .exceptionally(DiscoveryRoutes::failure);
  }

  private CompletionStage<HttpResponse> admit(AdmitRequest req, String auth) {
    try {
      return admitter.admit(req, auth).thenApply(Responses::ok).exceptionally(DiscoveryRoutes::failure);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
  }

  private static HttpResponse failure(Throwable t) {
    Admitter.Refused r = Admitter.refusal(t);
    if (r != null) {
      return Responses.error(StatusCodes.get(r.status), r.getMessage());
    }
    Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    if (c instanceof IllegalArgumentException) {
      return Responses.badRequest(c.getMessage());
    }
    return Responses.error(StatusCodes.INTERNAL_SERVER_ERROR, String.valueOf(c.getMessage()));
  }
}
