package dci.app.failover;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.actors.directory.Directory;
import dci.protocol.Json;
import dci.hardware.ReplicatedMap;
import dci.hardware.body.BladeBody;
import dci.hardware.body.Fault;
import dci.hardware.body.Reading;
import dci.hardware.port.PeripheralSwitch;
import dci.protocol.BladeInfo;
import dci.protocol.auth.Names;
import dci.protocol.auth.Role;
import dci.protocol.failover.AssignRequest;
import dci.protocol.failover.FaultRequest;
import dci.protocol.failover.SpareMark;
import dci.protocol.failover.SpareRequest;
import dci.protocol.failover.SpareView;
import dci.protocol.failover.TriggerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
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
 * Ports, spares, fail-over, faults and metrics under {@code /api}: {@code ports},
 * {@code ports/USER}, {@code spares}, {@code spares/BLADE}, {@code failover/status},
 * {@code failover/history}, {@code failover/trigger}, {@code faults}, {@code metrics}, {@code metrics/history}.
 */
final class FailoverRoutes extends AllDirectives {
  private static final Duration ASK = Duration.ofSeconds(10);
  private final Gate api;
  private final ActorSystem<?> system;
  private final dci.actors.Blade.Parts parts;
  private final Body body;
  private final FailoverJournal journal;
  private final ReplicatedMap<Reading> health;
  private final HealthHistory history;

  FailoverRoutes(FeatureContext c, Body body) {
    this.api = c.gate();
    this.system = c.system();
    this.parts = c.parts();
    this.body = body;
    this.journal = new FailoverJournal(system, parts.settings().name(), parts.log(), body.settings().writeTimeout());
    this.health = new ReplicatedMap<>(system, BladeBody.HEALTH_MAP, Duration.ofSeconds(3));
    this.history = new HealthHistory(c.config().getDuration("dci.body.sample-interval"),
        c.config().getDuration("dci.body.history"));
    history.follow(system, health);
  }

  Route routes() {
    return concat(
        pathPrefix("ports", () -> concat(
            pathEndOrSingleSlash(() -> get(() -> api.authorized(Role.VIEWER, who -> ports()))),
            path(PathMatchers.segment(), user -> put(() -> api.authorizedText(Role.ADMIN, (who, t) -> parse(t, AssignRequest.class, r -> assign(user, r.blade()))))))),
        pathPrefix("spares", () -> concat(
            pathEndOrSingleSlash(() -> concat(
                get(() -> api.authorized(Role.VIEWER, who -> spares())),
                post(() -> api.authorizedText(Role.ADMIN, (who, t) -> parse(t, SpareRequest.class, r -> mark(r.blade(), "added")))))),
            path(PathMatchers.segment(), blade -> delete(() -> api.authorized(Role.ADMIN, who -> mark(blade, "removed")))))),
        pathPrefix("failover", () -> concat(
            path("status", () -> get(() -> api.authorized(Role.VIEWER, who -> status()
                .thenApply(s -> Responses.ok(FailoverWire.status(s)))))),
            path("history", () -> get(() -> api.authorized(Role.VIEWER, who -> history()))),
            path("trigger", () -> post(() -> api.authorizedText(Role.ADMIN, (who, t) -> parse(t, TriggerRequest.class, this::trigger)))))),
        path("faults", () -> concat(
            post(() -> api.authorizedText(Role.ADMIN, (who, t) -> parse(t, FaultRequest.class, this::inject))),
            delete(() -> parameter("blade", b -> api.authorized(Role.ADMIN, who ->
                onBody(b, rt -> new BladeBody.ClearFaults(rt))))))),
        pathPrefix("metrics", () -> concat(
            pathEnd(() -> get(() -> parameterOptional("blade", b -> api.authorized(Role.VIEWER, who -> metrics(b))))),
            path("history", () -> get(() -> parameterOptional("blade", b -> parameterOptional("since", since ->
                api.authorized(Role.VIEWER, who -> metricsHistory(b, since)))))))));
  }

  private CompletionStage<HttpResponse> ports() {
    return AskPattern.<PeripheralSwitch.Command, PeripheralSwitch.Table>ask(body.portSwitch(),
        r -> new PeripheralSwitch.ListPorts(true, r), ASK, system.scheduler())
        .thenApply(t -> Responses.ok(t.routes().stream().map(FailoverWire::port).toList()));
  }

  private CompletionStage<HttpResponse> assign(String user, String blade) {
    try {
      Names.requireUser(user);
      Names.requireBladeName(blade == null ? "" : blade);
    } catch (IllegalArgumentException e) {
      return done(Responses.badRequest(e.getMessage()));
    }
    return blades().thenCompose(all -> {
      if (all.stream().noneMatch(b -> b.name().equals(blade) && b.status() == dci.protocol.BladeStatus.Up)) {
        return done(Responses.error(StatusCodes.CONFLICT, "no blade " + blade + " is Up: cannot route " + user + " there"));
      }
      return AskPattern.<PeripheralSwitch.Command, PeripheralSwitch.Routed>ask(body.portSwitch(),
              r -> new PeripheralSwitch.Assign(user, blade, "assigned", r), ASK, system.scheduler())
          .thenApply(r -> r.error() != null ? Responses.error(StatusCodes.SERVICE_UNAVAILABLE, r.error())
              : Responses.ok(FailoverWire.port(r.route())));
    });
  }

  private CompletionStage<HttpResponse> spares() {
    return blades().thenCombine(journal.spareMarks(), (all, marks) -> status().thenApply(st -> {
      List<SpareView> out = new ArrayList<>();
      for (BladeInfo b : all) {
        String mark = marks.get(b.name());
        boolean role = b.roles().contains(dci.storage.backup.PeerChoice.SPARE_ROLE);
        if (role || mark != null) {
          out.add(new SpareView(b.name(), b.status().name(), mark == null ? "role" : mark, st.freeSpares().contains(b.name())));
        }
      }
      out.sort(Comparator.comparing(SpareView::blade));
      return Responses.ok(out);
    })).thenCompose(x -> x);
  }

  private CompletionStage<HttpResponse> mark(String blade, String mark) {
    try {
      Names.requireBladeName(blade == null ? "" : blade);
    } catch (IllegalArgumentException e) {
      return done(Responses.badRequest(e.getMessage()));
    }
    return blades().thenCompose(all -> all.stream().noneMatch(b -> b.name().equals(blade))
        ? done(Responses.error(StatusCodes.NOT_FOUND, "no blade " + blade + " in the cluster"))
        : journal.markSpare(blade, mark).thenApply(m -> Responses.ok(new SpareMark(blade, m))));
  }

  private CompletionStage<Failover.Status> status() {
    if (body.failover() == null) {
      return CompletableFuture.completedFuture(new Failover.Status(parts.settings().name(), null, List.of(), List.of(), List.of()));
    }
    return AskPattern.ask(body.failover(), Failover.GetStatus::new, ASK, system.scheduler());
  }

  private CompletionStage<HttpResponse> history() {
    return journal.recordsFromMajority().thenApply(m -> {
      List<FailoverRecord> all = new ArrayList<>(m.values());
      all.sort(Comparator.comparing(FailoverRecord::started).reversed());
      return Responses.ok(all.stream().map(FailoverWire::failover).toList());
    });
  }

  private CompletionStage<HttpResponse> trigger(TriggerRequest r) {
    if (body.failover() == null) {
      return done(Responses.error(StatusCodes.CONFLICT, "fail-over is disabled on this blade (dci.failover.enabled)"));
    }
    try {
      Names.requireBladeName(r.blade() == null ? "" : r.blade());
    } catch (IllegalArgumentException e) {
      return done(Responses.badRequest(e.getMessage()));
    }
    return AskPattern.<Failover.Command, Failover.Answer>ask(body.failover(),
            rt -> new Failover.Trigger(r.blade(), r.reason(), rt), ASK, system.scheduler())
        .thenApply(a -> a.ok() ? Responses.ok(FailoverWire.answer(a))
            : Responses.json(StatusCodes.CONFLICT, FailoverWire.answer(a)));
  }

  private CompletionStage<HttpResponse> inject(FaultRequest r) {
    Fault fault;
    try {
      Names.requireBladeName(r.blade() == null ? "" : r.blade());
      fault = Fault.parse(r.fault());
    } catch (IllegalArgumentException e) {
      return done(Responses.badRequest(e.getMessage()));
    }
    return onBody(r.blade(), rt -> new BladeBody.InjectFault(fault, rt));
  }

  private CompletionStage<HttpResponse> onBody(String blade,
      org.apache.pekko.japi.function.Function<ActorRef<BladeBody.BodyState>, BladeBody.Command> request) {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
            rt -> Receptionist.find(BladeBody.key(blade), rt), ASK, system.scheduler())
        .thenCompose(l -> {
          var bodies = l.getServiceInstances(BladeBody.key(blade));
          if (bodies.isEmpty()) {
            return done(Responses.error(StatusCodes.NOT_FOUND, "no blade " + blade + " answers in the cluster"));
          }
          return AskPattern.ask(bodies.iterator().next(), request, ASK, system.scheduler())
              .thenApply(state -> Responses.ok(FailoverWire.body(state)));
        });
  }

  private CompletionStage<HttpResponse> metrics(java.util.Optional<String> blade) {
    return health.all().thenApply(m -> {
      Map<String, Reading> sorted = new TreeMap<>(m);
      if (blade.isPresent()) {
        Reading r = sorted.get(blade.get());
        return r == null ? Responses.error(StatusCodes.NOT_FOUND, "no metrics from " + blade.get() + " yet")
            : Responses.ok(List.of(Metrics.of(r)));
      }
      return Responses.ok(sorted.values().stream().map(Metrics::of).toList());
    });
  }

  private CompletionStage<HttpResponse> metricsHistory(java.util.Optional<String> blade, java.util.Optional<String> since) {
    Duration back;
    try {
      Names.requireBladeName(blade.orElse(""));
      back = since.map(dci.protocol.api.Since::parse).orElse(history.window());
    } catch (IllegalArgumentException e) {
      return done(Responses.badRequest(e.getMessage()));
    }
    if (back.compareTo(history.window()) > 0) {
      back = history.window();
    }
    if (!history.knows(blade.get())) {
      return done(Responses.error(StatusCodes.NOT_FOUND, "no metrics from " + blade.get() + " yet"));
    }
    return done(Responses.ok(history.of(blade.get(), java.time.Instant.now().minus(back))));
  }

  private CompletionStage<List<BladeInfo>> blades() {
    return AskPattern.ask(parts.directory(), Directory.GetBlades::new, ASK, system.scheduler()).thenApply(Directory.Blades::blades);
  }


  private static <T> CompletionStage<HttpResponse> parse(String text, Class<T> type,
      Function<T, CompletionStage<HttpResponse>> inner) {
    T value;
    try {
      value = Json.parse(text, type);
    } catch (IllegalArgumentException e) {
      return done(Responses.badRequest(e.getMessage()));
    }
    return inner.apply(value);
  }

  private static CompletionStage<HttpResponse> done(HttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }
}
