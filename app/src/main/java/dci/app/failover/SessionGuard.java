package dci.app.failover;

import dci.actors.auth.UserRegistry;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Ends a live session (a desk WebSocket) once its token no longer holds: the user logged out,
 * changed the password, or was removed. The token is checked again every half second against
 * the blade's replicated user table, so the session closes within about 2 s of the change
 * reaching this blade.
 */
final class SessionGuard {
  static final Duration EVERY = Duration.ofMillis(500);

  private final ActorSystem<?> system;
  private final ActorRef<UserRegistry.Command> users;

  SessionGuard(ActorSystem<?> system, ActorRef<UserRegistry.Command> users) {
    this.system = system;
    this.users = users;
  }

  /** {@code session}, closed when {@code authorization} (a "Bearer" header value) stops being valid. */
  Flow<Message, Message, ?> watch(Flow<Message, Message, ?> session, String authorization) {
    String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : "";
    SharedKillSwitch ends = KillSwitches.shared("desk-session");
    Source.tick(EVERY, EVERY, Boolean.TRUE)
        .via(ends.flow())
        .mapAsync(1, t -> valid(token))
        .takeWhile(ok -> ok)
        .runWith(Sink.onComplete(done -> ends.shutdown()), Materializer.matFromSystem(system));
    return session.via(ends.flow()).watchTermination((m, done) -> {
      done.whenComplete((d, e) -> ends.shutdown());
      return m;
    });
  }

  private CompletionStage<Boolean> valid(String token) {
    return AskPattern.<UserRegistry.Command, UserRegistry.AuthResult>ask(users,
            r -> new UserRegistry.Authorize(token, r), Duration.ofSeconds(5), system.scheduler())
        .handle((r, e) -> e != null || r instanceof UserRegistry.Authorized);
  }
}
