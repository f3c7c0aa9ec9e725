package dci.app.failover;

import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.app.failover.Body;
import dci.protocol.auth.Names;
import dci.protocol.auth.Role;
import java.io.IOException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A user's desk as a live session: {@code GET /desk/USER} upgraded to a WebSocket (bearer token
 * in the Authorization header, or {@code ?token=} for browsers). Text sent is the keyboard, text
 * received the display, of a shell whose working directory is the user's home on the blade the
 * switch routes the desk to; another blade proxies the socket there. While a fail-over holds the
 * desk (the user's files still arriving) the session opens when the hold ends.
 */
final class DeskSocket extends AllDirectives {
  private final Gate api;
  private final ActorSystem<?> system;
  private final dci.actors.Blade.Parts parts;
  private final Body body;
  private final DeskRoutes desk;
  private final SessionGuard guard;

  DeskSocket(Gate api, ActorSystem<?> system, dci.actors.Blade.Parts parts, Body body, DeskRoutes desk) {
    this.guard = new SessionGuard(system, parts.users());
    this.api = api;
    this.system = system;
    this.parts = parts;
    this.body = body;
    this.desk = desk;
  }

  Route routes() {
    return path(PathMatchers.segment("desk").slash(PathMatchers.segment()), user -> get(() ->
        parameterOptional("token", token -> optionalHeaderValueByName("Authorization", header -> {
          String auth = header.orElse(token.map(t -> "Bearer " + t).orElse(""));
          return api.authenticated(auth, Role.OPERATOR, who -> {
            if (!who.role().atLeast(Role.ADMIN) && !who.user().equals(user)) {
              return complete(Responses.forbidden("only " + user + " or an admin may use " + user + "'s desk"));
            }
            try {
              Names.requireUser(user);
            } catch (IllegalArgumentException e) {
              return complete(Responses.badRequest(e.getMessage()));
            }
            return onSuccess(desk.route(user, false).thenCompose(r -> r.isPresent()
                ? java.util.concurrent.CompletableFuture.completedFuture(r) : desk.route(user, true)), route -> {
              if (route.isEmpty()) {
                return complete(Responses.error(StatusCodes.NOT_FOUND, user + " has no desk port"));
              }
              String blade = route.get().blade();
              if (blade.equals(parts.settings().name())) {
                // a desk held by a fail-over (its data still being restored) opens once it is free;
                // nothing starts for a request that is no WebSocket upgrade
                return extractWebSocketUpgrade(upgrade -> onSuccess(body.holds().whenFree(user, body.settings().deskHold())
                    .thenApplyAsync(x -> shell(user), desk.io()), f -> handleWebSocketMessages(guard.watch(f, auth))));
              }
              return onSuccess(desk.apiOf(blade), url -> url.isEmpty()
                  ? complete(Responses.error(StatusCodes.SERVICE_UNAVAILABLE, user + "'s desk is on " + blade
                      + ", which is not in the cluster: retry in a moment"))
                  : handleWebSocketMessages(guard.watch(proxy(url.get(), user, blade, auth), auth)));
            });
          });
        }))));
  }

  /**
   * The socket passed on to the blade the desk is routed to; if that blade cannot be reached,
   * the fail-over is told (as a desk command would), and the caller reconnects in a moment.
   */
  private Flow<Message, Message, ?> proxy(String api, String user, String blade, String auth) {
    return Http.get(system).webSocketClientFlow(WebSocketRequest.create(api.replaceFirst("^http", "ws") + "/desk/" + user)
            .addHeader(RawHeader.create("Authorization", auth)))
        .mapMaterializedValue(upgrade -> {
          upgrade.whenComplete((r, e) -> {
            if (e != null) {
              desk.suspect(blade, user);
            }
          });
          return upgrade;
        });
  }

  /** A shell in the user's home ({@link Desk#shell}) as WebSocket text. Blocking: run on I/O threads. */
  private Flow<Message, Message, ?> shell(String user) {
    Flow<String, String, ?> shell;
    try {
      shell = desk.desk().shell(user);
    } catch (IOException | IllegalArgumentException e) {
      return Flow.fromSinkAndSource(Sink.ignore(), Source.single(TextMessage.create("cannot start a shell: " + e.getMessage())));
    }
    Materializer mat = Materializer.matFromSystem(system);
    return Flow.<Message>create()
        .filter(Message::isText)
        .mapAsync(1, m -> m.asTextMessage().getStreamedText().runFold("", String::concat, mat))
        .via(shell)
        .map(text -> (Message) TextMessage.create(text))
        .watchTermination((m, done) -> {
          desk.activity().opened(user);
          done.whenComplete((d, e) -> desk.activity().closed(user));
          return m;
        });
  }

}
