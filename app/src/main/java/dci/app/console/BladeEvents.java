package dci.app.console;

import dci.protocol.auth.Role;
import dci.actors.directory.Directory;
import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.protocol.Json;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSource;

/**
 * {@code GET /api/blades/events}: the blade table as server-sent events, one {@code blades}
 * event (the {@code /api/blades} array) now and one on every change the directory sees (a blade
 * joins, comes Up, becomes unreachable, leaves, publishes new figures). Only the newest table
 * waits for a slow reader; a comment line every 15 s keeps proxies from closing the stream.
 * The console reads it with {@code fetch} (a bearer header, which {@code EventSource} cannot send).
 */
final class BladeEvents extends AllDirectives {
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private final Gate gate;
  private final ActorRef<Directory.Command> directory;

  BladeEvents(FeatureContext c) {
    this.gate = c.gate();
    this.directory = c.parts().directory();
  }

  Route routes() {
    return path(org.apache.pekko.http.javadsl.server.PathMatchers.segment("blades").slash("events"), () -> get(() -> gate.authorize(Role.VIEWER, p ->
        completeOK(events(), EventStreamMarshalling.toEventStream()))));
  }

  private Source<ServerSentEvent, NotUsed> events() {
    return ActorSource.<Directory.Blades>actorRef(m -> false, m -> Optional.empty(), 1, OverflowStrategy.dropHead())
        .mapMaterializedValue(ref -> {
          directory.tell(new Directory.Watch(ref));
          return NotUsed.getInstance();
        })
        .map(b -> ServerSentEvent.create(new String(Json.bytes(b.blades()), java.nio.charset.StandardCharsets.UTF_8),
            "blades"))
        .keepAlive(KEEP_ALIVE, ServerSentEvent::heartbeat);
  }
}
