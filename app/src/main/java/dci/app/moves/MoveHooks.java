package dci.app.moves;

import dci.actors.router.RouteResult;
import dci.actors.router.Router;
import dci.app.peerlets.ExecPeerlet;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import dci.protocol.messaging.ExecReply;
import dci.protocol.messaging.ExecRequest;
import dci.protocol.moves.MovePair;
import dci.protocol.moves.MoveView;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/** A move's schedule (its start time and daily window) and its hooks (Fig. 21). */
final class MoveHooks {
  private MoveHooks() {}

  /**
   * Runs {@code command} ({@code sh -c}) on the source and the target of every pair through the
   * {@code exec} app (an envelope to both blades, in the message log; confined to their exec
   * home), with the pair's fields in the environment: {@code DCI_MOVE_ID}, {@code DCI_MOVE_KIND},
   * {@code DCI_MOVE_USER}, {@code DCI_MOVE_FROM}, {@code DCI_MOVE_TO}, {@code DCI_MOVE_PHASE}.
   * Answers what it did, beginning with "failed" when a run did not exit 0 or a blade did not answer.
   */
  static String run(ActorSystem<?> system, MoveContext mx, MoveView move, String phase, String command) {
    long timeoutMs = Math.min(mx.settings().hookTimeout().toMillis(), 600_000);
    List<String> ran = new ArrayList<>();
    for (MovePair p : move.pairs()) {
      Map<String, String> env = Map.of("DCI_MOVE_ID", move.id(), "DCI_MOVE_KIND", move.kind(),
          "DCI_MOVE_USER", p.user(), "DCI_MOVE_FROM", p.from(), "DCI_MOVE_TO", p.to(), "DCI_MOVE_PHASE", phase);
      ExecRequest request = new ExecRequest("sh", List.of("-c", command), null, env, null, timeoutMs);
      Sender me = new Sender(mx.blade(), null, null);
      Envelope e = new Envelope(null, ExecPeerlet.APP, null, me, Recipients.multicast(List.of(p.from(), p.to())),
          null, null, null, null, null, request.toPayload()).completed(me, Instant.now());
      Duration await = Duration.ofMillis(timeoutMs).plusSeconds(5);
      RouteResult r;
      try {
        r = AskPattern.<Router.Command, RouteResult>ask(mx.router(), rt -> new Router.Send(e, await, rt),
            await.plusSeconds(10), system.scheduler()).toCompletableFuture().join();
      } catch (RuntimeException ex) {
        return "failed (" + ex.getMessage() + ") for " + p.user();
      }
      Set<String> answered = new TreeSet<>();
      for (Envelope reply : r.replies()) {
        ExecReply x = ExecReply.of(reply.payload()).orElse(null);
        if (x == null) {
          continue;
        }
        answered.add(x.blade());
        String out = (x.stdout() + x.stderr()).strip();
        out = out.length() > 200 ? out.substring(0, 200) + "…" : out;
        if (x.exitCode() != 0 || x.timedOut() || x.error() != null) {
          return "failed (" + (x.timedOut() ? "timed out" : x.error() != null ? x.error() : "exit " + x.exitCode())
              + ")" + (out.isEmpty() ? "" : ": " + out) + " on " + x.blade() + " for " + p.user();
        }
        ran.add(x.blade() + " for " + p.user() + (out.isEmpty() ? "" : ": " + out));
      }
      for (String b : List.of(p.from(), p.to())) {
        if (!answered.contains(b)) {
          return "failed (no answer from " + b + " in " + await.toSeconds() + " s) for " + p.user();
        }
      }
    }
    return "'" + command + "' ran on " + String.join("; ", ran);
  }

  /** How long the move must still wait for its start time and its window at {@code now} (zero: it may run). */
  static Duration untilAllowed(MoveView move, Instant now) {
    Instant start = now;
    if (move.at() != null) {
      Instant at = Instant.parse(move.at());
      if (at.isAfter(start)) {
        start = at;
      }
    }
    if (move.window() != null) {
      LocalTime[] w = MovePlans.window(move.window());
      ZonedDateTime t = start.atZone(ZoneId.systemDefault());
      if (!inside(t.toLocalTime(), w[0], w[1])) {
        ZonedDateTime open = t.with(w[0]);
        if (!open.isAfter(t)) {
          open = open.plusDays(1);
        }
        start = open.toInstant();
      }
    }
    return start.isAfter(now) ? Duration.between(now, start) : Duration.ZERO;
  }

  private static boolean inside(LocalTime t, LocalTime from, LocalTime to) {
    return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
  }
}
