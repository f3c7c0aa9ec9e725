package dci.app.failover;

import dci.actors.feature.FeatureContext;
import dci.hardware.port.DeskActivity;
import dci.actors.http.Gate;
import dci.actors.http.PeerHttp;
import dci.actors.http.Responses;
import dci.actors.directory.Directory;
import dci.protocol.Json;
import dci.app.confine.Confinement;
import dci.app.peerlets.ExecRun;
import dci.hardware.port.PeripheralSwitch;
import dci.hardware.port.PortRoute;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.protocol.auth.Names;
import dci.protocol.auth.Role;
import dci.protocol.failover.DeskExecReply;
import dci.protocol.failover.DeskExecRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * A user's desk through the HTTP API: {@code POST /api/desk/USER/exec} runs one command in
 * the user's home ({@code DATA/home/USER}) on the blade the port table routes the desk to. Any
 * blade answers: one that is not the routed blade forwards the call there; when that blade
 * does not answer it tells the fail-over (a suspicion the coordinator confirms) and the
 * caller retries. The user's own token or an admin's may use a desk, and only from the operator
 * role up: a desk command runs as the blade's OS user (it is no sandbox), so it is trusted like
 * the exec peerlet.
 */
final class DeskRoutes extends AllDirectives {
  static final String HOP = "X-Dci-Desk-Hop";
  private final Gate api;
  private final ActorSystem<?> system;
  private final dci.actors.Blade.Parts parts;
  private final Body body;
  private final Executor io;
  private final PeerHttp peers;
  private final long defaultTimeout;
  private final long maxTimeout;
  private final Desk desk;
  private final DeskActivity activity;

  DeskRoutes(FeatureContext c, Body body, DeskActivity activity) {
    this.activity = activity;
    this.api = c.gate();
    this.system = c.system();
    this.parts = c.parts();
    this.peers = c.peers();
    this.body = body;
    this.io = c.io();
    this.defaultTimeout = body.desk().getDuration("exec-timeout").toMillis();
    this.maxTimeout = body.desk().getDuration("max-exec-timeout").toMillis();
    this.desk = new Desk(parts.settings(), body, Confinement.of(system.settings().config()), io);
  }

  Route routes() {
    return pathPrefix("desk", () -> pathPrefix(user -> path("exec", () -> post(() ->
        optionalHeaderValueByName(HOP, hop -> optionalHeaderValueByName("Authorization", auth ->
            api.authorizedText(Role.OPERATOR, (who, text) -> {
              if (!who.role().atLeast(Role.ADMIN) && !who.user().equals(user)) {
                return done(Responses.forbidden("only " + user + " or an admin may use " + user + "'s desk"));
              }
              return exec(user, text, hop.orElse(null), auth.orElse(""));
            })))))));
  }

  /** {@code hop}: the blades that passed the request on (comma-separated), null when it came from a client. */
  private CompletionStage<HttpResponse> exec(String user, String text, String hop, String auth) {
    boolean forwarded = hop != null;
    DeskExecRequest req;
    try {
      Names.requireUser(user);
      req = Json.parse(text, DeskExecRequest.class);
      if (req.argv() == null || req.argv().isEmpty() || req.argv().get(0) == null || req.argv().get(0).isBlank()) {
        throw new IllegalArgumentException("argv must name a command: {\"argv\": [\"ls\", \"-l\"]}");
      }
      long t = req.timeoutSeconds() == null ? defaultTimeout : req.timeoutSeconds() * 1000;
      if (t <= 0 || t > maxTimeout) {
        throw new IllegalArgumentException("timeoutSeconds must be between 1 and " + maxTimeout / 1000);
      }
    } catch (IllegalArgumentException e) {
      return done(Responses.badRequest(e.getMessage()));
    }
    // a desk held here (a fail-over restoring, a move under way) waits first, then goes where the port is then;
    // a port just assigned through another blade may not have reached this one yet: ask a majority
    boolean held = body.holds().isHeld(user);
    return body.holds().whenFree(user, body.settings().deskHold())
        .thenCompose(x -> route(user, held))
        .thenCompose(r -> r.isPresent() ? CompletableFuture.completedFuture(r) : route(user, true))
        .thenCompose(route -> {
      if (route.isEmpty()) {
        return done(Responses.error(StatusCodes.NOT_FOUND, user + " has no desk port: dci port assign " + user + " BLADE"));
      }
      String blade = route.get().blade();
      if (blade.equals(parts.settings().name())) {
        return runHere(user, req);
      }
      if (forwarded) {
        // the blade that passed it on had an older route (a switch not yet gossiped to it): on to
        // where a majority says (see passOn)
        return route(user, true).thenCompose(fresh -> fresh.isPresent() && fresh.get().blade().equals(parts.settings().name())
            ? runHere(user, req)
            : fresh.isPresent() && passOn(hop, held, fresh.get().blade())
                ? forward(user, fresh.get().blade(), text, auth, false, hop + "," + parts.settings().name())
            : done(Responses.error(StatusCodes.SERVICE_UNAVAILABLE, user + "'s port is routed to " + blade
                + ", not " + parts.settings().name() + ": retry")));
      }
      return forward(user, blade, text, auth, true, parts.settings().name());
    });
  }

  /**
   * Whether a request passed on by {@code hop} goes on to {@code blade}: after one hop always (the
   * blade before had an older route); after more only for a desk held here (moved while it
   * waited), and never back to a blade it came through.
   */
  static boolean passOn(String hop, boolean held, String blade) {
    java.util.List<String> through = java.util.List.of(hop.split(","));
    return through.size() == 1 || held && !through.contains(blade);
  }

  private CompletionStage<HttpResponse> forward(String user, String blade, String text, String auth, boolean retry,
      String hops) {
    return apiOf(blade).thenCompose(url -> {
      if (url.isEmpty()) {
        suspect(blade, user);
        return unavailable(user, blade, "is not in the cluster");
      }
      // with the caller's own token; a blade gone is known within a second (refused, or no connection)
      HttpRequest req = HttpRequest.POST(url.get() + "/api/desk/" + user + "/exec")
          .addHeader(RawHeader.create("Authorization", auth)).addHeader(RawHeader.create(HOP, hops))
          .withEntity(ContentTypes.APPLICATION_JSON, text);
      Duration timeout = Duration.ofMillis(maxTimeout + 30_000);
      return peers.sendOnce(req, Duration.ofSeconds(1), timeout).thenCompose(rsp -> peers.whole(rsp, timeout))
          .<CompletionStage<HttpResponse>>handle((answer, err) -> {
            if (err == null) {
              return done(HttpResponse.create().withStatus(answer.status())
                  .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, answer.body())));
            }
            suspect(blade, user);
            if (!retry) {
              return unavailable(user, blade, "does not answer");
            }
            return route(user, true).thenCompose(fresh -> fresh.isPresent() && !fresh.get().blade().equals(blade)
                ? (fresh.get().blade().equals(parts.settings().name())
                    ? runHere(user, Json.parse(text, DeskExecRequest.class)) : forward(user, fresh.get().blade(), text, auth, false, hops))
                : unavailable(user, blade, "does not answer"));
          }).thenCompose(x -> x);
    });
  }

  private CompletionStage<HttpResponse> unavailable(String user, String blade, String why) {
    return done(Responses.error(StatusCodes.SERVICE_UNAVAILABLE, user + "'s desk is on " + blade + ", which " + why
        + ": a fail-over is being checked; retry in a moment"));
  }

  /** Tells the fail-over that {@code blade}, where {@code user}'s desk is routed, does not answer. */
  void suspect(String blade, String user) {
    if (body.failover() != null) {
      body.failover().tell(new Failover.Suspect(blade, "the desk of " + user + " cannot reach it"));
    }
  }

  /** What users do at this blade's desks (sessions open, logins). */
  DeskActivity activity() {
    return activity;
  }

  private CompletionStage<HttpResponse> runHere(String user, DeskExecRequest req) {
    activity.loggedIn(user);
    long timeout = req.timeoutSeconds() == null ? defaultTimeout : req.timeoutSeconds() * 1000;
    return desk.exec(user, req.argv(), req.stdin(), timeout).thenApply(outcome -> {
      if (outcome instanceof Desk.Refused refused) {
        return Responses.error(StatusCodes.FORBIDDEN, refused.reason());
      }
      if (outcome instanceof Desk.Failed failed) {
        return Responses.error(StatusCodes.INTERNAL_SERVER_ERROR, failed.reason());
      }
      ExecRun.Result r = ((Desk.Ran) outcome).result();
      return Responses.ok(new DeskExecReply(user, parts.settings().name(), r.exitCode(), r.stdout(), r.stderr(),
          r.truncated(), r.timedOut(), r.durationMs(), r.error()));
    });
  }

  /** The blocking-I/O dispatcher, for work that starts processes or touches files. */
  Executor io() {
    return io;
  }

  /** The desk these routes serve. */
  Desk desk() {
    return desk;
  }

  /** Where the user's desk is routed: from this blade's table, or from a majority when {@code fresh}. */
  CompletionStage<Optional<PortRoute>> route(String user, boolean fresh) {
    return AskPattern.<PeripheralSwitch.Command, PeripheralSwitch.Routed>ask(body.portSwitch(),
            r -> new PeripheralSwitch.Lookup(user, fresh, r), Duration.ofSeconds(5), system.scheduler())
        .thenApply(r -> Optional.ofNullable(r.route()));
  }

  CompletionStage<Optional<String>> apiOf(String blade) {
    return AskPattern.ask(parts.directory(), Directory.GetBlades::new, Duration.ofSeconds(5), system.scheduler())
        .thenApply(b -> b.blades().stream().filter(i -> i.name().equals(blade))
            .filter(i -> i.status() != BladeStatus.Down && i.status() != BladeStatus.Removed)
            .map(BladeInfo::api).filter(java.util.Objects::nonNull).findFirst());
  }

  private static CompletionStage<HttpResponse> done(HttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }
}
