package dci.app.resources;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.protocol.api.Since;
import dci.protocol.auth.Names;
import dci.protocol.auth.Role;
import dci.protocol.resources.ResourceHistory;
import dci.protocol.resources.ResourceMetric;
import dci.protocol.resources.ResourceSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The resource manager's routes: {@code /api/resources/history}, {@code /api/resources/map},
 * {@code /api/resources/advise} (viewers), and {@code /internal/resources?since=MS[&blade=B]} (the
 * samples this blade keeps, of every blade or of B, for a peer's back-fill; service token).
 */
final class ResourcesRoutes extends AllDirectives {
  private static final Duration ASK = Duration.ofSeconds(10);
  private static final Duration DEFAULT_SINCE = Duration.ofHours(1);
  private final Gate api;
  private final ActorSystem<?> system;
  private final ActorRef<ResourceManager.Command> manager;
  private final java.time.Clock clock;
  private final Advisor.Thresholds thresholds;
  private final Duration interval;

  ResourcesRoutes(FeatureContext c, ActorRef<ResourceManager.Command> manager, Advisor.Thresholds thresholds,
      Duration interval) {
    this.api = c.gate();
    this.system = c.system();
    this.clock = c.clock();
    this.manager = manager;
    this.thresholds = thresholds;
    this.interval = interval;
  }

  Route routes() {
    return pathPrefix("resources", () -> concat(
        path("history", () -> get(() -> parameterOptional("blade", blade -> parameterOptional("metric", metric ->
            parameterOptional("since", since -> api.authorized(Role.VIEWER, who -> history(blade, metric, since))))))),
        path("map", () -> get(() -> parameterOptional("since", since ->
            api.authorized(Role.VIEWER, who -> window(since, this::map))))),
        path("advise", () -> get(() -> parameterOptional("since", since ->
            api.authorized(Role.VIEWER, who -> window(since, this::advise)))))));
  }

  private CompletionStage<HttpResponse> map(Instant from) {
    return samples(null, from).thenApply(all -> Responses.ok(DemandMaps.of(from, all)));
  }

  private CompletionStage<HttpResponse> advise(Instant from) {
    Instant fresh = clock.instant().minus(interval.multipliedBy(3));
    return samples(null, from).thenApply(all -> Responses.ok(Advisor.of(from, fresh, all, thresholds)));
  }

  Route internal() {
    return path(org.apache.pekko.http.javadsl.server.PathMatchers.segment("internal").slash("resources"), () -> get(() ->
        parameter("since", since -> parameterOptional("blade", blade -> api.authorizedInternal(who -> {
          try {
            return samples(blade.orElse(null), Instant.ofEpochMilli(Long.parseLong(since))).thenApply(Responses::ok);
          } catch (NumberFormatException e) {
            return done(Responses.badRequest("since is milliseconds since the epoch, not '" + Names.printable(since) + "'"));
          }
        })))));
  }

  private CompletionStage<HttpResponse> history(Optional<String> blade, Optional<String> metric, Optional<String> since) {
    String[] m;
    try {
      Names.requireBladeName(blade.orElseThrow(() -> new IllegalArgumentException("which blade? ?blade=B")));
      m = ResourceMetric.parseAny(metric.orElse("cpu"));
    } catch (IllegalArgumentException e) {
      return done(Responses.badRequest(e.getMessage()));
    }
    return window(since, from -> samples(blade.get(), from).thenApply(all -> Responses.ok(new ResourceHistory(
        blade.get(), m[0], m[1], from, all.stream().filter(s -> s.value(m[0]) != null)
            .map(s -> new ResourceHistory.Point(s.at(), s.value(m[0]))).toList()))));
  }

  /** Answers for the window {@code since} (default 1h) back from now; 400 for a since that is none. */
  private CompletionStage<HttpResponse> window(Optional<String> since,
      Function<Instant, CompletionStage<HttpResponse>> answer) {
    Instant from;
    try {
      from = clock.instant().minus(since.map(Since::parse).orElse(DEFAULT_SINCE));
    } catch (IllegalArgumentException e) {
      return done(Responses.badRequest(e.getMessage()));
    }
    return answer.apply(from);
  }

  private CompletionStage<List<ResourceSample>> samples(String blade, Instant since) {
    return AskPattern.ask(manager, r -> new ResourceManager.Query(blade, since, r), ASK, system.scheduler());
  }

  private static CompletionStage<HttpResponse> done(HttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }
}
