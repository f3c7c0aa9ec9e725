package dci.app.moves;

import dci.actors.directory.Directory;
import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.hardware.port.PeripheralSwitch;
import dci.protocol.Json;
import dci.protocol.auth.Role;
import dci.protocol.moves.MoveRequest;
import dci.protocol.moves.MoveView;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/moves}: plan (checked here, stored by this blade, which coordinates the move),
 * list (every blade's moves), show, run and cancel (by the move's coordinator, named in its id).
 */
final class MovesRoutes extends AllDirectives {
  private static final Duration ASK = Duration.ofSeconds(10);
  private final Gate api;
  private final ActorSystem<?> system;
  private final dci.actors.Blade.Parts parts;
  private final MoveContext mx;
  private final ActorRef<Moves.Command> agent;
  private final Clock clock = Clock.systemUTC();

  MovesRoutes(FeatureContext c, MoveContext mx, ActorRef<Moves.Command> agent) {
    this.api = c.gate();
    this.system = c.system();
    this.parts = c.parts();
    this.mx = mx;
    this.agent = agent;
  }

  Route routes() {
    return pathPrefix("moves", () -> concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> api.authorized(Role.VIEWER, who -> list())),
            post(() -> api.authorizedText(Role.ADMIN, (who, t) -> plan(t))))),
        pathPrefix(PathMatchers.segment(), id -> concat(
            pathEnd(() -> get(() -> api.authorized(Role.VIEWER, who -> show(id)))),
            path("run", () -> post(() -> api.authorized(Role.ADMIN, who -> run(id, false)))),
            path("cancel", () -> post(() -> api.authorized(Role.ADMIN, who -> run(id, true))))))));
  }

  private CompletionStage<HttpResponse> plan(String text) {
    MoveRequest r;
    try {
      r = Json.parse(text, MoveRequest.class);
    } catch (IllegalArgumentException e) {
      return done(Responses.badRequest(e.getMessage()));
    }
    var ports = AskPattern.<PeripheralSwitch.Command, PeripheralSwitch.Table>ask(mx.portSwitch(),
        rt -> new PeripheralSwitch.ListPorts(true, rt), ASK, system.scheduler());
    var blades = AskPattern.ask(parts.directory(), Directory.GetBlades::new, ASK, system.scheduler());
    return ports.thenCombine(blades, (table, all) -> {
      String id = mx.blade() + "-m" + Long.toString(clock.millis(), 36);
      try {
        return MovePlans.plan(id, mx.blade(), clock.instant(), r, table.routes(), all.blades());
      } catch (IllegalArgumentException e) {
        return e;
      }
    }).thenCompose(planned -> {
      if (planned instanceof IllegalArgumentException e) {
        return done(Responses.badRequest(e.getMessage()));
      }
      MoveView move = (MoveView) planned;
      if (Boolean.TRUE.equals(r.dryRun())) {
        return done(Responses.ok(move));
      }
      return AskPattern.<Moves.Command, MoveView>ask(agent, rt -> new Moves.PlanMove(move, rt), ASK, system.scheduler())
          .thenApply(Responses::ok);
    });
  }

  private CompletionStage<HttpResponse> list() {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
        rt -> Receptionist.find(Moves.KEY, rt), ASK, system.scheduler()).thenCompose(l -> {
          List<CompletableFuture<MoveBook.Listing>> all = new ArrayList<>();
          for (ActorRef<Moves.Command> a : l.getServiceInstances(Moves.KEY)) {
            all.add(AskPattern.<Moves.Command, MoveBook.Listing>ask(a, Moves.ListMoves::new, ASK, system.scheduler())
                .toCompletableFuture().exceptionally(e -> new MoveBook.Listing(List.of())));
          }
          return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(x -> Responses.ok(
              all.stream().flatMap(f -> f.join().moves().stream())
                  .sorted(Comparator.comparing(MoveView::created).reversed()).toList()));
        });
  }

  private CompletionStage<HttpResponse> show(String id) {
    return agentOf(id).thenCompose(a -> a == null ? done(notFound(id))
        : AskPattern.<Moves.Command, MoveBook.Found>ask(a, rt -> new Moves.GetMove(id, rt), ASK, system.scheduler())
            .thenApply(f -> f.move() == null ? notFound(id) : Responses.ok(f.move())));
  }

  private CompletionStage<HttpResponse> run(String id, boolean cancel) {
    return agentOf(id).thenCompose(a -> a == null ? done(notFound(id))
        : AskPattern.<Moves.Command, Moves.Answer>ask(a, rt -> new Moves.RunMove(id, cancel, rt), ASK,
            system.scheduler()).thenApply(ans -> ans.error() == null ? Responses.ok(ans.move())
                : Responses.error(StatusCodes.get(ans.status()), ans.error())));
  }

  /** The move manager of the blade that coordinates move {@code id} (its name begins the id), null if none answers. */
  private CompletionStage<ActorRef<Moves.Command>> agentOf(String id) {
    int dash = id.lastIndexOf('-');
    if (dash <= 0) {
      return CompletableFuture.completedFuture(null);
    }
    String blade = id.substring(0, dash);
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
        rt -> Receptionist.find(Moves.keyOf(blade), rt), ASK, system.scheduler())
        .thenApply(l -> l.getServiceInstances(Moves.keyOf(blade)).stream().findFirst().orElse(null));
  }

  private static HttpResponse notFound(String id) {
    return Responses.error(StatusCodes.NOT_FOUND, "no move " + id + " (or its coordinator is not in the cluster)");
  }

  private static CompletionStage<HttpResponse> done(HttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }
}
