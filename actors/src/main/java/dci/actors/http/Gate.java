package dci.actors.http;

import dci.actors.auth.Principal;
import dci.actors.auth.UserRegistry;
import dci.protocol.Json;
import dci.protocol.auth.Role;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.util.ByteString;

/**
 * The door of every route a feature offers: checks the bearer token and the caller's role
 * before anything of the request's body is read (a stranger's body is never read: it is answered
 * 401 at once), then runs the feature's handler with the caller. Blade service tokens pass only
 * {@link #authorizedInternal} (the {@code /internal/*} routes).
 */
public final class Gate extends AllDirectives {
  private final ActorSystem<?> system;
  private final ActorRef<UserRegistry.Command> users;
  private final Duration askTimeout;

  public Gate(ActorSystem<?> system, ActorRef<UserRegistry.Command> users, Duration askTimeout) {
    this.system = system;
    this.users = users;
    this.askTimeout = askTimeout;
  }

  /** Checks token and role, then runs {@code inner} (which may read the body) with the caller. */
  public Route authorize(Role least, Function<Principal, Route> inner) {
    return optionalHeaderValueByName("Authorization", header -> authenticated(header.orElse(null), least, inner));
  }

  /** As {@link #authorize}, for a handler that answers with one response. */
  public Route authorized(Role least, Function<Principal, CompletionStage<HttpResponse>> inner) {
    return authorize(least, p -> completeWithFuture(inner.apply(p)));
  }

  /** Authorizes, then reads the body as text and answers with {@code inner}. */
  public Route authorizedText(Role least, BiFunction<Principal, String, CompletionStage<HttpResponse>> inner) {
    return authorize(least, p -> entity(Unmarshaller.entityToString(), text -> completeWithFuture(inner.apply(p, text))));
  }

  /** Authorizes, then reads the body's bytes (within the route's size limit) into {@code inner}. */
  public Route authorizeBytes(Role least, BiFunction<Principal, ByteString, Route> inner) {
    return authorize(least, p -> entity(Unmarshaller.entityToByteString(), bytes -> inner.apply(p, bytes)));
  }

  /** Authorizes, then parses the JSON body into {@code type} (400 with the reason if it is not one). */
  public <T> Route authorizeJson(Role least, Class<T> type, BiFunction<Principal, T, Route> inner) {
    return authorize(least, p -> json(type, value -> inner.apply(p, value)));
  }

  /**
   * For the blade-to-blade routes ({@code /internal/*}): a blade's service token or an admin's,
   * checked before the body is read.
   */
  public Route authorizedInternal(Function<Principal, CompletionStage<HttpResponse>> inner) {
    return authorizeInternal(p -> completeWithFuture(inner.apply(p)));
  }

  /** As {@link #authorizedInternal}, for an inner route that reads the body. */
  public Route authorizeInternal(Function<Principal, Route> inner) {
    return optionalHeaderValueByName("Authorization", header ->
        check(header.orElse(null), UserRegistry.Scope.INTERNAL, Role.ADMIN, inner));
  }

  /** As {@link #authorize}, with the Authorization header already in hand (a WebSocket). */
  public Route authenticated(String authorization, Role least, Function<Principal, Route> inner) {
    return check(authorization, UserRegistry.Scope.USER, least, inner);
  }

  private Route check(String authorization, UserRegistry.Scope scope, Role least, Function<Principal, Route> inner) {
    Optional<String> token = bearer(Optional.ofNullable(authorization));
    if (token.isEmpty()) {
      return complete(Responses.unauthorized("missing bearer token: log in with POST /api/login"));
    }
    return onSuccess(ask(users, (ActorRef<UserRegistry.AuthResult> r) -> new UserRegistry.Authorize(token.get(), scope, r)),
        auth -> {
          if (auth instanceof UserRegistry.Authorized a) {
            return a.principal().role().atLeast(least) ? inner.apply(a.principal())
                : complete(Responses.forbidden("role " + a.principal().role().wireName() + " may not do this: needs "
                    + least.wireName()));
          }
          return complete(Responses.unauthorized(((UserRegistry.Unauthorized) auth).reason()));
        });
  }

  /** The token of an {@code Authorization: Bearer …} header. */
  public static Optional<String> bearer(Optional<String> header) {
    return header.filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(h -> h.substring(7).trim())
        .filter(t -> !t.isEmpty());
  }

  /** Parses a JSON body into {@code type}, or answers 400 with the reason. Only behind a check. */
  public <T> Route json(Class<T> type, Function<T, Route> inner) {
    return entity(Unmarshaller.entityToString(), text -> {
      T value;
      try {
        value = Json.parse(text, type);
      } catch (IllegalArgumentException e) {
        return complete(Responses.badRequest(e.getMessage()));
      }
      return inner.apply(value);
    });
  }

  /** Asks {@code target} within the API's ask timeout. */
  public <Req, Res> CompletionStage<Res> ask(RecipientRef<Req> target,
      org.apache.pekko.japi.function.Function<ActorRef<Res>, Req> request) {
    return AskPattern.ask(target, request, askTimeout, system.scheduler());
  }

  public Duration askTimeout() {
    return askTimeout;
  }
}
