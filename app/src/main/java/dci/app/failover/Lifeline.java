package dci.app.failover;

import dci.actors.http.Gate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The blade's end of a lifeline ({@code GET /api/internal/failover/lifeline}, blades only): a
 * response that never ends while the blade runs. It sends {@link #HELLO}, then a newline every
 * {@link #KEEP_ALIVE} (under the HTTP idle timeouts of both ends; a wake-up every 15 s is all it
 * costs), and {@link #BYE} before the blade stops on purpose (its shutdown's first phase). A
 * process that dies (SIGKILL, a crash, power lost to a blade sharing its cage's JVM) sends no
 * bye: its kernel closes the connection at once, and the watching blade ({@link Lifelines})
 * knows within milliseconds instead of waiting for the failure detector's heartbeats.
 */
final class Lifeline extends AllDirectives {
  static final ByteString HELLO = ByteString.fromString("dci-lifeline\n");
  static final ByteString BYE = ByteString.fromString("bye\n");
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  static final String PATH = "/api/internal/failover/lifeline";
  private static final ByteString NEWLINE = ByteString.fromString("\n");

  private final Gate api;
  private final CompletableFuture<Done> stopping = new CompletableFuture<>();

  Lifeline(ActorSystem<?> system, Gate api) {
    this.api = api;
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "dci-lifelines-bye",
        () -> {
          // a bare system.terminate() is how a blade sharing a JVM loses its power (dci.body.power =
          // system) or a test crashes one: no bye, so it looks like the crash it stands for
          boolean onPurpose = CoordinatedShutdown.get(system).getShutdownReason()
              .map(r -> !r.equals(CoordinatedShutdown.actorSystemTerminateReason())).orElse(true);
          if (onPurpose) {
            stopping.complete(Done.getInstance());
          }
          return CompletableFuture.completedFuture(Done.getInstance());
        });
  }

  /** The route, under {@code /api}. */
  Route route() {
    return path(PathMatchers.segment("internal").slash("failover").slash("lifeline"), () -> get(() ->
        api.authorizedInternal(p -> CompletableFuture.completedFuture(HttpResponse.create()
            .withEntity(HttpEntities.createChunked(ContentTypes.TEXT_PLAIN_UTF8, lines()))))));
  }

  private Source<ByteString, NotUsed> lines() {
    Source<ByteString, NotUsed> keep = Source.tick(KEEP_ALIVE, KEEP_ALIVE, NEWLINE)
        .mapMaterializedValue(c -> NotUsed.getInstance());
    Source<ByteString, NotUsed> bye = Source.completionStage(stopping).map(d -> BYE);
    return Source.single(HELLO).concat(keep.merge(bye, true));
  }
}
