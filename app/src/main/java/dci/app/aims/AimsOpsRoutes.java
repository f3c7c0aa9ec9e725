package dci.app.aims;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.protocol.Json;
import dci.protocol.aims.AuditReport;
import dci.protocol.aims.AuditRow;
import dci.protocol.aims.PatchJob;
import dci.protocol.aims.PatchRequest;
import dci.protocol.aims.ServiceRequest;
import dci.protocol.aims.ServiceResult;
import dci.protocol.auth.Names;
import dci.protocol.auth.Role;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * AIMS's operations across blades: {@code POST /api/aims/services} (operators: start, stop,
 * restart, status; admins: enable, disable), {@code GET /api/aims/audit} (operators),
 * {@code POST /api/aims/patch} and {@code GET /api/aims/patch/jobs/ID} (admins), and the
 * blade-to-blade {@code /internal/aims/services|audit} they fan out to.
 */
final class AimsOpsRoutes extends AllDirectives {
  private final Gate gate;
  private final Fleet fleet;
  private final HostServices services;
  private final HostAudit audit;
  private final PatchRollout patches;
  private final AimsSettings settings;
  private final Executor io;

  AimsOpsRoutes(FeatureContext c, Fleet fleet, HostServices services, HostAudit audit, PatchRollout patches,
      AimsSettings settings) {
    this.gate = c.gate();
    this.fleet = fleet;
    this.services = services;
    this.audit = audit;
    this.patches = patches;
    this.settings = settings;
    this.io = c.io();
  }

  Route api() {
    return pathPrefix("aims", () -> concat(
        path("services", () -> post(() -> gate.authorizeJson(Role.OPERATOR, ServiceRequest.class, this::services))),
        path("audit", () -> get(() -> parameterOptional("on", on -> gate.authorized(Role.OPERATOR, who -> audit(on))))),
        pathPrefix("patch", () -> concat(
            pathEnd(() -> post(() -> gate.authorizeJson(Role.ADMIN, PatchRequest.class, (who, req) -> patch(req)))),
            path(PathMatchers.segment("jobs").slash(PathMatchers.segment()), id -> get(() ->
                gate.authorized(Role.ADMIN, who -> job(id))))))));
  }

  private Route services(dci.actors.auth.Principal who, ServiceRequest req) {
    try {
      HostServices.check(req.action(), req.name());
    } catch (IllegalArgumentException e) {
      return complete(Responses.badRequest(e.getMessage()));
    }
    if (List.of("enable", "disable").contains(req.action()) && !who.role().atLeast(Role.ADMIN)) {
      return complete(Responses.forbidden("enable and disable are for admins"));
    }
    var body = new ServiceRequest(req.action(), req.name(), null);
    return completeWithFuture(fleet.targets(req.on() == null ? "all" : req.on())
        .thenCompose(blades -> fleet.ask(blades, "services", body, Json.mapper().constructType(ServiceResult.class),
            () -> local(req), settings.askTimeout()))
        .thenApply(rows -> Responses.ok(rows.stream().map(a -> a.value() != null ? a.value()
            : new ServiceResult(a.blade(), req.name(), req.action(), null, false, null, a.error())).toList()))
        .exceptionally(AimsOpsRoutes::failure));
  }

  private CompletionStage<HttpResponse> audit(java.util.Optional<String> on) {
    return fleet.targets(on.orElse("all"))
        .thenCompose(blades -> fleet.ask(blades, "audit", Json.mapper().constructType(AuditReport.class),
            this::localAudit, settings.askTimeout()))
        .thenApply(rows -> Responses.ok(rows.stream().map(a -> new AuditRow(a.blade(), a.value(), a.error())).toList()))
        .exceptionally(AimsOpsRoutes::failure);
  }

  private Route patch(PatchRequest req) {
    try {
      HostPatch.checkPackages(req.packages());
      if (req.dciPackage() != null) {
        dci.protocol.pkg.PackageNames.requirePackage(req.dciPackage());
        if (req.dryRun() || !req.packages().isEmpty()) {
          throw new IllegalArgumentException("a DCI package rollout is neither simulated nor mixed with OS packages");
        }
      }
    } catch (IllegalArgumentException | dci.protocol.pkg.PackageException e) {
      return complete(Responses.badRequest(e.getMessage()));
    }
    return completeWithFuture(fleet.targets(req.on() == null ? "all" : req.on())
        .thenCompose(blades -> {
          PatchJob job = patches.start(req.dryRun(), req.packages(), req.dciPackage(), blades.stream()
              .map(dci.protocol.BladeInfo::name).toList());
          return req.dryRun() ? patches.whenDone(job.id(), settings.askTimeout()).thenApply(Responses::ok)
              : CompletableFuture.completedFuture(Responses.json(StatusCodes.ACCEPTED, job));
        })
        .exceptionally(AimsOpsRoutes::failure));
  }

  private CompletionStage<HttpResponse> job(String id) {
    return CompletableFuture.completedFuture(patches.view(id).map(Responses::ok)
        .orElseGet(() -> Responses.error(StatusCodes.NOT_FOUND, "no patch job '" + Names.printable(id)
            + "' (this blade keeps its last 50)")));
  }

  Route internal() {
    return pathPrefix(PathMatchers.segment("internal").slash("aims"), () -> concat(
        path("services", () -> post(() -> gate.authorizeInternal(who -> gate.json(ServiceRequest.class,
            req -> completeWithFuture(local(req).thenApply(Responses::ok)
                .exceptionally(e -> Responses.badRequest(String.valueOf(e.getCause() != null
                    ? e.getCause().getMessage() : e.getMessage())))))))),
        path("audit", () -> get(() -> gate.authorizedInternal(who -> localAudit().thenApply(Responses::ok))))));
  }

  private CompletionStage<ServiceResult> local(ServiceRequest req) {
    return CompletableFuture.supplyAsync(() -> services.act(req.action(), req.name()), io);
  }

  private CompletionStage<AuditReport> localAudit() {
    return CompletableFuture.supplyAsync(audit::run, io);
  }

  private static HttpResponse failure(Throwable e) {
    Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    return c instanceof IllegalArgumentException ? Responses.badRequest(c.getMessage())
        : Responses.error(StatusCodes.SERVICE_UNAVAILABLE, String.valueOf(c.getMessage()));
  }
}
