package dci.app.exports;

import dci.actors.directory.Directory;
import dci.actors.feature.FeatureContext;
import dci.actors.http.PeerHttp;
import dci.actors.http.Responses;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Serves a request for blade B's exports on any blade: on B itself it runs the route, elsewhere
 * it passes the request on to B's API as it came (body streamed, the caller's own token, so B
 * checks the caller's role again) and answers with B's answer.
 */
final class Forward extends AllDirectives {
  static final String HEADER = "X-DCI-Forwarded";
  private static final Duration ASK = Duration.ofSeconds(5);
  /** The most a JSON request body of these routes may be. */
  static final long MAX_JSON = 64 * 1024;
  /** How long a JSON body may take to arrive whole (it is read whole, to be passed on again if need be). */
  static final scala.concurrent.duration.FiniteDuration STRICT = scala.concurrent.duration.FiniteDuration.create(10,
      java.util.concurrent.TimeUnit.SECONDS);
  private final String self;
  private final ActorRef<Directory.Command> directory;
  private final ActorSystem<?> system;
  private final PeerHttp peers;

  Forward(FeatureContext c) {
    this.self = c.blade();
    this.directory = c.parts().directory();
    this.system = c.system();
    this.peers = c.peers();
  }

  String self() {
    return self;
  }

  /** Runs {@code here} when {@code blade} is this blade, else passes the request on to it. */
  Route onBlade(String blade, Supplier<Route> here) {
    if (blade.equals(self)) {
      return here.get();
    }
    return headerValueByName("Authorization", auth -> optionalHeaderValueByName(HEADER, hop -> {
      if (hop.isPresent()) {
        return complete(Responses.error(StatusCodes.MISDIRECTED_REQUEST, "blade " + self + " is not " + blade));
      }
      return extractRequest(req -> completeWithFuture(passOn(blade, req, auth).exceptionally(FsErrors::of)));
    }));
  }

  private CompletionStage<HttpResponse> passOn(String blade, HttpRequest req, String auth) {
    String rest = req.getUri().path() + req.getUri().rawQueryString().map(q -> "?" + q).orElse("");
    return apiOf(blade).thenCompose(api -> peers.send(HttpRequest.create(api + rest)
        .withMethod(req.method())
        .withEntity(req.entity())
        .addHeader(RawHeader.create("Authorization", auth))
        .addHeader(RawHeader.create(HEADER, self))));
  }

  /** The API URL of Up blade {@code blade}; fails with a NoSuchBlade when it is not Up or not known. */
  CompletionStage<String> apiOf(String blade) {
    return AskPattern.ask(directory, Directory.GetBlades::new, ASK, system.scheduler()).thenCompose(all -> {
      for (BladeInfo b : all.blades()) {
        if (b.name().equals(blade) && b.status() == BladeStatus.Up && b.api() != null) {
          return CompletableFuture.completedFuture(b.api());
        }
      }
      return CompletableFuture.failedFuture(new NoSuchBlade(blade));
    });
  }

  /** No Up blade of that name. */
  static final class NoSuchBlade extends RuntimeException {
    NoSuchBlade(String blade) {
      super("no Up blade named '" + dci.protocol.auth.Names.printable(blade) + "'");
    }
  }
}
