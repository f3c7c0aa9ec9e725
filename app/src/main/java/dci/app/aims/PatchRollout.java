package dci.app.aims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.actors.Blade;
import dci.actors.directory.Directory;
import dci.actors.router.RouteResult;
import dci.actors.router.Router;
import dci.actors.router.Undeliverable;
import dci.hardware.ReplicatedMap;
import dci.hardware.body.Reading;
import dci.protocol.BladeStatus;
import dci.protocol.Json;
import dci.protocol.aims.AuditReport.Upgrade;
import dci.protocol.aims.PatchJob;
import dci.protocol.aims.PatchResult;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A patch rolled out from this blade: each step an envelope to the target's {@code dci.aims}
 * peerlet through the router (so it is in both blades' message logs, and can be replayed on a
 * new blade). A dry run asks every blade at once. A real one goes blade by blade: after each
 * step the blade must be Up with a fresh body reading that is not an impending failure before
 * the next starts, and the first failure stops the rollout (the rest are skipped).
 */
final class PatchRollout {
  private final ActorSystem<?> system;
  private final Blade.Parts parts;
  private final ReplicatedMap<Reading> health;
  private final Duration stepTimeout;
  private final Duration healthTimeout;
  private final Map<String, Job> jobs = new LinkedHashMap<>();

  PatchRollout(ActorSystem<?> system, Blade.Parts parts, ReplicatedMap<Reading> health, Duration stepTimeout,
      Duration healthTimeout) {
    this.system = system;
    this.parts = parts;
    this.health = health;
    this.stepTimeout = stepTimeout;
    this.healthTimeout = healthTimeout;
  }

  private static final class Job {
    final String id = UUID.randomUUID().toString().substring(0, 8);
    final boolean dryRun;
    final List<String> packages;
    final String dciPackage;
    final Instant created = Instant.now();
    final Map<String, PatchResult> rows = new LinkedHashMap<>();

    Job(boolean dryRun, List<String> packages, String dciPackage, List<String> blades) {
      this.dryRun = dryRun;
      this.packages = packages;
      this.dciPackage = dciPackage;
      blades.forEach(b -> rows.put(b, new PatchResult(b, "pending", List.of(), null, null, null, 0)));
    }
  }

  /** Starts a rollout to {@code blades} (in this order); answers the job as it stands. */
  synchronized PatchJob start(boolean dryRun, List<String> packages, String dciPackage, List<String> blades) {
    Job job = new Job(dryRun, packages, dciPackage, blades);
    jobs.put(job.id, job);
    while (jobs.size() > 50) {
      jobs.remove(jobs.keySet().iterator().next());
    }
    if (dryRun) {
      blades.forEach(b -> step(job, b));
    } else {
      CompletionStage<Boolean> chain = CompletableFuture.completedFuture(true);
      for (String b : blades) {
        chain = chain.thenCompose(ok -> ok ? step(job, b) : skip(job, b));
      }
    }
    return view(job);
  }

  synchronized java.util.Optional<PatchJob> view(String id) {
    return java.util.Optional.ofNullable(jobs.get(id)).map(this::view);
  }

  /** Completes when every blade of the job is done, failed or skipped (or at once for a finished job). */
  CompletionStage<PatchJob> whenDone(String id, Duration within) {
    CompletableFuture<PatchJob> out = new CompletableFuture<>();
    poll(id, out, Instant.now().plus(within));
    return out;
  }

  private void poll(String id, CompletableFuture<PatchJob> out, Instant until) {
    PatchJob j = view(id).orElse(null);
    if (j == null || j.done() || Instant.now().isAfter(until)) {
      out.complete(j);
      return;
    }
    system.scheduler().scheduleOnce(Duration.ofMillis(200), () -> poll(id, out, until), system.executionContext());
  }

  private PatchJob view(Job job) {
    synchronized (this) {
      List<PatchResult> rows = new ArrayList<>(job.rows.values());
      boolean done = rows.stream().allMatch(r -> List.of("done", "failed", "skipped").contains(r.state()));
      boolean ok = done && rows.stream().allMatch(r -> r.state().equals("done"));
      return new PatchJob(job.id, job.dryRun, job.dciPackage != null ? List.of("dci:" + job.dciPackage) : job.packages,
          job.created, done, ok, rows);
    }
  }

  private synchronized void set(Job job, PatchResult r) {
    job.rows.put(r.blade(), r);
  }

  private CompletionStage<Boolean> skip(Job job, String blade) {
    set(job, new PatchResult(blade, "skipped", List.of(), "an earlier blade failed: the rollout stopped", null, null, 0));
    return CompletableFuture.completedFuture(false);
  }

  private CompletionStage<Boolean> step(Job job, String blade) {
    long t0 = System.nanoTime();
    UUID id = UUID.randomUUID();
    set(job, new PatchResult(blade, "running", List.of(), null, null, id.toString(), 0));
    ObjectNode payload;
    String app;
    if (job.dciPackage != null) {
      // a DCI package: the blade's own installer, to the newest published version
      app = dci.app.packages.InstallPeerlet.APP;
      payload = new dci.app.packages.InstallRequest("install", job.dciPackage, null, true).payload();
    } else {
      app = AimsPeerlet.APP;
      payload = JsonNodeFactory.instance.objectNode().put("op", "patch").put("dryRun", job.dryRun);
      payload.putArray("packages").addAll(job.packages.stream().map(JsonNodeFactory.instance::textNode).toList());
    }
    Sender me = new Sender(parts.settings().name(), null, null);
    Envelope e = new Envelope(id, app, null, me, Recipients.blade(blade), null, null, null, null, null,
        payload).completed(me, Instant.now());
    return AskPattern.<Router.Command, RouteResult>ask(parts.router(), to -> new Router.Send(e, stepTimeout, to),
            stepTimeout.plusSeconds(10), system.scheduler())
        .handle((res, err) -> answer(blade, res, err))
        .thenCompose(a -> {
          long ms = (System.nanoTime() - t0) / 1_000_000;
          if (!a.ok() || job.dryRun) {
            set(job, new PatchResult(blade, a.ok() ? "done" : "failed", a.upgrades(), a.output(), null, id.toString(),
                ms));
            return CompletableFuture.completedFuture(a.ok());
          }
          Instant after = Instant.now();
          return healthy(blade, after, Instant.now().plus(healthTimeout)).thenApply(h -> {
            boolean fine = h.startsWith("ok");
            set(job, new PatchResult(blade, fine ? "done" : "failed", a.upgrades(), a.output(), h, id.toString(),
                (System.nanoTime() - t0) / 1_000_000));
            return fine;
          });
        });
  }

  private HostPatch.Outcome answer(String blade, RouteResult res, Throwable err) {
    if (err != null || res == null || res.replies().isEmpty()) {
      return new HostPatch.Outcome(false, List.of(), blade + " did not answer within " + stepTimeout.toSeconds() + " s");
    }
    Envelope reply = res.replies().get(0);
    if (Undeliverable.is(reply)) {
      return new HostPatch.Outcome(false, List.of(), Undeliverable.reason(reply));
    }
    JsonNode p = reply.payload();
    if (p.has("state") && p.has("op")) { // the installer's report
      boolean ok = !"failed".equals(p.path("state").asText());
      List<Upgrade> changed = p.hasNonNull("version") && !p.path("version").asText().equals(p.path("previous").asText(""))
          ? List.of(new Upgrade("dci:" + p.path("name").asText(), p.path("previous").asText("-"),
              p.path("version").asText()))
          : List.of();
      return new HostPatch.Outcome(ok, ok ? changed : List.of(), p.path("message").asText(""));
    }
    List<Upgrade> ups = new ArrayList<>();
    p.path("upgrades").forEach(u -> ups.add(Json.mapper().convertValue(u, Upgrade.class)));
    return new HostPatch.Outcome(p.path("ok").asBoolean(false), ups, p.path("output").asText(""));
  }

  /** "ok: ..." once the blade is Up with a fresh reading that is not impending; why not, at the deadline. */
  private CompletionStage<String> healthy(String blade, Instant after, Instant deadline) {
    return AskPattern.<Directory.Command, Directory.Blades>ask(parts.directory(), Directory.GetBlades::new,
            Duration.ofSeconds(10), system.scheduler())
        .thenCombine(health.all(), (d, readings) -> {
          boolean up = d.blades().stream().anyMatch(b -> b.name().equals(blade) && b.status() == BladeStatus.Up);
          Reading r = readings.get(blade);
          if (!up) {
            return blade + " is not Up";
          }
          if (r == null || r.at().isBefore(after)) {
            return "no body reading of " + blade + " since the patch";
          }
          return r.condition() == Reading.Condition.impending ? blade + " reports an impending failure: " + r.reasons()
              : "ok: Up, " + r.condition() + (r.reasons().isEmpty() ? "" : " " + r.reasons());
        })
        .thenCompose(h -> h.startsWith("ok") || Instant.now().isAfter(deadline) ? CompletableFuture.completedFuture(h)
            : later(Duration.ofMillis(500)).thenCompose(v -> healthy(blade, after, deadline)));
  }

  private CompletionStage<Void> later(Duration d) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    system.scheduler().scheduleOnce(d, () -> f.complete(null), system.executionContext());
    return f;
  }
}
