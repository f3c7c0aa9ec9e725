package dci.app.moves;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.protocol.auth.Names;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamConverters;
import org.apache.pekko.util.ByteString;

/**
 * {@code POST /internal/moves/homes/USER?move=ID} (service token, admin role): a user's home on
 * this blade streamed to the target of its move ({@link MoveStream}), only while the user's desk
 * is held here for a move, so a home is never read while its user writes to it.
 */
final class MoveHomeRoutes extends AllDirectives {
  private final Gate api;
  private final ActorSystem<?> system;
  private final MoveContext mx;

  MoveHomeRoutes(FeatureContext c, MoveContext mx) {
    this.api = c.gate();
    this.system = c.system();
    this.mx = mx;
  }

  Route routes() {
    return path(PathMatchers.segment("internal").slash("moves").slash("homes").slash(PathMatchers.segment()), user ->
        post(() -> api.authorizeInternal(who -> parameterOptional("move", move -> send(user, move.orElse("?"))))));
  }

  private Route send(String user, String move) {
    try {
      Names.requireUser(user);
    } catch (IllegalArgumentException e) {
      return complete(Responses.badRequest(e.getMessage()));
    }
    if (!mx.holds().isHeld(user)) {
      return complete(Responses.error(StatusCodes.CONFLICT, user + "'s desk is not held for a move on " + mx.blade()
          + ": a home is sent only during its move"));
    }
    Path home = mx.homes().resolve(user);
    Source<ByteString, NotUsed> bytes = StreamConverters.asOutputStream(mx.settings().stepTimeout())
        .mapMaterializedValue(out -> {
          CompletableFuture.runAsync(() -> write(home, out, user, move), mx.io());
          return NotUsed.notUsed();
        });
    return complete(HttpResponse.create().withEntity(
        HttpEntities.createChunked(ContentTypes.APPLICATION_OCTET_STREAM, bytes)));
  }

  /** Writes the home, then closes; a failure closes the stream without its count, which the target refuses. */
  private void write(Path home, OutputStream out, String user, String move) {
    try (out) {
      MoveStream.write(home, out);
    } catch (IOException | RuntimeException e) {
      system.log().warn("sending {}'s home for move {} failed: {}", user, move, e.toString());
    }
  }
}
