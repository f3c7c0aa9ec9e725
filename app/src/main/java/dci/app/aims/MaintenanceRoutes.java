package dci.app.aims;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.hardware.ReplicatedMap;
import dci.protocol.Json;
import dci.protocol.aims.MaintenanceJob;
import dci.protocol.aims.MaintenanceRequest;
import dci.protocol.aims.MaintenanceResult;
import dci.protocol.auth.Names;
import dci.protocol.auth.Role;
import dci.storage.backup.Schedule;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
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
 * {@code /api/aims/maintenance}: the jobs (GET viewers; POST and DELETE admins, since a job may
 * run a command), {@code /NAME/run} (operators: at once, on the job's blades), {@code /results}
 * (viewers: each job's last run on each blade), and the blade-to-blade run.
 */
final class MaintenanceRoutes extends AllDirectives {
  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private final Gate gate;
  private final ActorSystem<?> system;
  private final ReplicatedMap<MaintenanceJob> jobs;
  private final ReplicatedMap<MaintenanceResult> last;
  private final ActorRef<MaintenanceScheduler.Command> scheduler;
  private final Fleet fleet;
  private final Duration timeout;
  private final int memtestMaxMb;
  private final java.time.Clock clock;

  MaintenanceRoutes(FeatureContext c, ReplicatedMap<MaintenanceJob> jobs, ReplicatedMap<MaintenanceResult> last,
      ActorRef<MaintenanceScheduler.Command> scheduler, Fleet fleet, Duration timeout, int memtestMaxMb) {
    this.gate = c.gate();
    this.system = c.system();
    this.jobs = jobs;
    this.last = last;
    this.scheduler = scheduler;
    this.fleet = fleet;
    this.timeout = timeout;
    this.memtestMaxMb = memtestMaxMb;
    this.clock = c.clock();
  }

  Route api() {
    return pathPrefix(PathMatchers.segment("aims").slash("maintenance"), () -> concat(
        pathEnd(() -> concat(
            get(() -> gate.authorized(Role.VIEWER, who -> jobs.allFromMajority().thenApply(m -> Responses.ok(
                m.values().stream().sorted(Comparator.comparing(MaintenanceJob::name)).toList())))),
            post(() -> gate.authorizeJson(Role.ADMIN, MaintenanceRequest.class, (who, req) -> {
              MaintenanceJob job;
              try {
                job = check(req, who.user());
              } catch (IllegalArgumentException e) {
                return complete(Responses.badRequest(e.getMessage()));
              }
              return onSuccess(jobs.put(job.name(), job), j -> complete(Responses.ok(j)));
            })))),
        path("results", () -> get(() -> parameterOptional("job", job -> gate.authorized(Role.VIEWER, who ->
            last.allFromMajority().thenApply(m -> Responses.ok(m.values().stream()
                .filter(r -> job.isEmpty() || job.get().equals(r.job()))
                .sorted(Comparator.comparing(MaintenanceResult::startedAt).reversed()).toList())))))),
        path(PathMatchers.segment().slash("run"), name -> post(() -> gate.authorized(Role.OPERATOR, who -> run(name)))),
        path(PathMatchers.segment(), name -> delete(() -> gate.authorized(Role.ADMIN, who ->
            jobs.allFromMajority().thenCompose(m -> !m.containsKey(name) ? notFound(name)
                : jobs.remove(name).thenApply(d -> Responses.ok(Map.of("removed", name)))))))));
  }

  Route internal() {
    return path(PathMatchers.segment("internal").slash("aims").slash("maintenance"), () -> post(() ->
        gate.authorizeInternal(who -> gate.json(MaintenanceJob.class, job -> completeWithFuture(runHere(job)
            .thenApply(Responses::ok))))));
  }

  private CompletionStage<MaintenanceResult> runHere(MaintenanceJob job) {
    return AskPattern.ask(scheduler, r -> new MaintenanceScheduler.RunNow(job, r), timeout.plusSeconds(5),
        system.scheduler());
  }

  private CompletionStage<HttpResponse> run(String name) {
    return jobs.allFromMajority().thenCompose(m -> {
      MaintenanceJob job = m.get(name);
      if (job == null) {
        return notFound(name);
      }
      return fleet.targets(job.on())
          .thenCompose(blades -> fleet.ask(blades, "maintenance", job,
              Json.mapper().constructType(MaintenanceResult.class), () -> runHere(job), timeout))
          .thenApply(rows -> Responses.ok(rows.stream().map(a -> a.value() != null ? a.value()
              : new MaintenanceResult(name, a.blade(), job.task(), clock.instant(), 0, false, a.error())).toList()))
          .exceptionally(e -> Responses.badRequest(String.valueOf(e.getCause() != null ? e.getCause().getMessage()
              : e.getMessage())));
    });
  }

  private MaintenanceJob check(MaintenanceRequest r, String by) {
    if (r.name() == null || !NAME.matcher(r.name()).matches()) {
      throw new IllegalArgumentException("a job needs a name of letters, digits, . _ - (up to 64)");
    }
    if (!MaintenanceTask.TASKS.contains(String.valueOf(r.task()))) {
      throw new IllegalArgumentException("task is one of " + String.join(", ", MaintenanceTask.TASKS));
    }
    if (r.schedule() == null) {
      throw new IllegalArgumentException("a job needs a schedule, e.g. \"daily 03:00\", \"6am weekly sun\", \"every 30m\"");
    }
    Schedule.parse(r.schedule());
    String on = r.on() == null || r.on().isBlank() ? "all" : r.on().trim();
    if (r.task().equals("command") && (r.command() == null || r.command().isBlank() || r.command().length() > 4096)) {
      throw new IllegalArgumentException("task command needs --command (1..4096 characters)");
    }
    if (!r.task().equals("command") && r.command() != null) {
      throw new IllegalArgumentException("--command is for task command only");
    }
    int mb = r.memtestMb() == null ? 16 : r.memtestMb();
    if (mb < 1 || mb > memtestMaxMb) {
      throw new IllegalArgumentException("memtest size is 1.." + memtestMaxMb + " MiB (dci.aims.maintenance.memtest-max)");
    }
    return new MaintenanceJob(r.name(), r.task(), on, r.schedule(), r.command(), mb, by, clock.instant());
  }

  private static CompletionStage<HttpResponse> notFound(String name) {
    return CompletableFuture.completedFuture(Responses.error(StatusCodes.NOT_FOUND, "no maintenance job '"
        + Names.printable(name) + "'"));
  }
}
