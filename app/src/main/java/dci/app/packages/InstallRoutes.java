package dci.app.packages;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import com.fasterxml.jackson.databind.JsonNode;
import dci.actors.Blade;
import dci.actors.directory.Directory;
import dci.actors.router.RouteResult;
import dci.actors.router.Router;
import dci.actors.router.Undeliverable;
import dci.protocol.Json;
import dci.app.packages.InstallJobs;
import dci.app.packages.InstallPeerlet;
import dci.app.packages.InstallReport;
import dci.app.packages.InstallRequest;
import dci.app.packages.InstallTargets;
import dci.app.packages.Packages;
import dci.protocol.auth.Role;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PackageNames;
import dci.protocol.pkg.PackageVersion;
import dci.protocol.pkg.api.InstallStarted;
import dci.protocol.pkg.api.TargetedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /api/install}, {@code /api/uninstall} and {@code /api/follow} (admin): one
 * envelope per target blade to its install peerlet {@code dci.install}, through the router (so
 * each is in the message log and can be replayed onto another blade), gathered as a job;
 * {@code GET /api/install/jobs/ID} (viewer) shows each blade's state, on the blade that started it.
 */
final class InstallRoutes extends AllDirectives {
  private final Gate api;
  private final ActorSystem<?> system;
  private final Blade.Parts parts;
  private final Packages packages;
  private final InstallJobs jobs;

  InstallRoutes(FeatureContext c, Packages packages) {
    this.api = c.gate();
    this.system = c.system();
    this.parts = c.parts();
    this.packages = packages;
    this.jobs = new InstallJobs(packages.settings().keepJobs());
  }

  Route routes() {
    return concat(
        path("install", () -> post(() -> body(r -> start("install", r)))),
        path("uninstall", () -> post(() -> body(r -> start("uninstall", r)))),
        path("follow", () -> post(() -> body(r -> start("follow", r)))),
        path(PathMatchers.segment("install").slash("jobs").slash(PathMatchers.segment()), id -> get(() ->
            api.authorized(Role.VIEWER, p -> CompletableFuture.completedFuture(jobs.view(id).map(Responses::ok)
                .orElseGet(() -> Responses.error(StatusCodes.NOT_FOUND, "no install job " + dci.protocol.auth.Names
                    .printable(id) + " on " + parts.settings().name() + ": ask the blade that started it")))))));
  }

  private Route body(java.util.function.Function<TargetedRequest, CompletionStage<HttpResponse>> inner) {
    return api.authorizedText(Role.ADMIN, (p, text) -> {
      try {
        return inner.apply(Json.parse(text, TargetedRequest.class));
      } catch (IllegalArgumentException | PackageException e) {
        return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
      }
    });
  }

  private CompletionStage<HttpResponse> start(String op, TargetedRequest r) {
    String name = PackageNames.requirePackage(r.name());
    if (r.version() != null && !op.equals("install")) {
      throw new IllegalArgumentException("version is for install only");
    }
    if (r.follow() != null && !op.equals("follow")) {
      throw new IllegalArgumentException("follow is for POST /api/follow only");
    }
    PackageVersion version = r.version() == null || r.version().isBlank() ? null : PackageVersion.parse(r.version());
    CompletionStage<PackageVersion> resolved = !op.equals("install") ? CompletableFuture.completedFuture(null)
        : packages.catalog().find(name, version).thenApply(found -> found.map(i -> i.parsedVersion()).orElse(null));
    return resolved.thenCompose(v -> {
      if (op.equals("install") && v == null) {
        return CompletableFuture.completedFuture(Responses.error(StatusCodes.NOT_FOUND, version == null
            ? "no version of " + name + " is published" : name + " " + version + " is not published"));
      }
      return api.ask(parts.directory(), Directory.GetBlades::new).thenCompose(dir -> {
        List<String> targets;
        try {
          targets = InstallTargets.resolve(r.on(), dir.blades());
        } catch (IllegalArgumentException e) {
          return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
        }
        InstallRequest req = new InstallRequest(op, name, v, r.follow() == null || r.follow());
        return CompletableFuture.completedFuture(launch(req, targets));
      });
    });
  }

  private HttpResponse launch(InstallRequest req, List<String> targets) {
    Map<String, UUID> envelopes = new LinkedHashMap<>();
    targets.forEach(t -> envelopes.put(t, UUID.randomUUID()));
    String version = req.version() == null ? null : req.version().toString();
    String id = jobs.start(req.op(), req.name(), version, envelopes);
    Duration wait = packages.settings().installTimeout();
    envelopes.forEach((blade, env) -> send(parts, system, blade, env, req, wait).whenComplete((res, failure) ->
        jobs.finish(id, blade, report(blade, req, res, failure, wait))));
    return Responses.json(StatusCodes.ACCEPTED, new InstallStarted(id, req.op(), req.name(), version, targets,
        envelopes));
  }

  /** Sends {@code req} to the install peerlet of {@code blade} and waits up to {@code wait} for its answer. */
  static CompletionStage<RouteResult> send(Blade.Parts parts, ActorSystem<?> system, String blade, UUID id,
      InstallRequest req, Duration wait) {
    Sender me = new Sender(parts.settings().name(), null, null);
    Envelope e = new Envelope(id, InstallPeerlet.APP, null, me, Recipients.blade(blade), null, null, null, null, null,
        req.payload()).completed(me, Instant.now());
    return AskPattern.ask(parts.router(), (ActorRef<RouteResult> to) -> new Router.Send(e, wait, to),
        wait.plusSeconds(10), system.scheduler());
  }

  /** The answer of {@code blade}, or a failed report saying why there is none. */
  private static InstallReport report(String blade, InstallRequest req, RouteResult res, Throwable failure,
      Duration wait) {
    String version = req.version() == null ? null : req.version().toString();
    if (failure != null || res.replies().isEmpty()) {
      return InstallReport.failed(blade, req.op(), req.name(), version, blade + " did not answer within "
          + wait.toSeconds() + " s" + (failure == null ? "" : " (" + failure.getMessage() + ")"), 0);
    }
    Envelope reply = res.replies().get(0);
    if (Undeliverable.is(reply)) {
      return InstallReport.failed(blade, req.op(), req.name(), version, Undeliverable.reason(reply), 0);
    }
    try {
      return Json.mapper().treeToValue(reply.payload(), InstallReport.class);
    } catch (Exception e) {
      return InstallReport.failed(blade, req.op(), req.name(), version, blade + " sent an unreadable answer: "
          + e.getMessage(), 0);
    }
  }

  /** The payload of {@code blade}'s answer to a list, or an error response. */
  static CompletionStage<Object> inventory(Blade.Parts parts, ActorSystem<?> system, String blade) {
    return send(parts, system, blade, UUID.randomUUID(), new InstallRequest("list", null, null, true),
        Duration.ofSeconds(20)).thenApply(res -> {
          if (res.replies().isEmpty()) {
            return Responses.error(StatusCodes.SERVICE_UNAVAILABLE, blade + " did not answer in time");
          }
          Envelope reply = res.replies().get(0);
          if (Undeliverable.is(reply)) {
            return Responses.error(StatusCodes.NOT_FOUND, Undeliverable.reason(reply));
          }
          JsonNode p = reply.payload();
          return p;
        });
  }
}
