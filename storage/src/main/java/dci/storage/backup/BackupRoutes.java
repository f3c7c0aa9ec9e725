package dci.storage.backup;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.actors.directory.Directory;
import dci.protocol.Json;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.protocol.auth.Names;
import dci.protocol.auth.Role;
import dci.protocol.backup.ArchiveContents;
import dci.protocol.backup.ArchiveRow;
import dci.protocol.backup.BackupConfigChange;
import dci.protocol.backup.BladeRequest;
import dci.protocol.backup.CheckRequest;
import dci.protocol.backup.ConfigView;
import dci.protocol.backup.ForgetRequest;
import dci.protocol.backup.RestoreRequest;
import dci.storage.backup.Backup;
import dci.storage.backup.BackupAgent;
import dci.storage.backup.BackupConfig;
import dci.storage.backup.CatalogView;
import dci.storage.backup.JobView;
import dci.storage.backup.Manifest;
import dci.storage.backup.PeerClient;
import dci.storage.backup.PeerRef;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The backup API under {@code /api/backup/}: settings, runs, archives, restores, checks and
 * aging. Runs, restores, checks and aging are jobs on a blade's backup agent (found through
 * the receptionist), polled at {@code /api/backup/jobs/ID?blade=B}.
 */
final class BackupRoutes extends AllDirectives {
  private static final Duration ASK = Duration.ofSeconds(10);
  private final Gate api;
  private final ActorSystem<?> system;
  private final dci.actors.Blade.Parts parts;
  private final Backup backup;
  private final PeerClient client;

  BackupRoutes(FeatureContext c, Backup backup) {
    this.api = c.gate();
    this.system = c.system();
    this.parts = c.parts();
    this.backup = backup;
    this.client = backup.client();
  }

  Route routes() {
    return pathPrefix("backup", () -> concat(
        path("config", () -> concat(
            get(() -> parameter("blade", b -> api.authorized(Role.VIEWER, who -> config(b)))),
            put(() -> api.authorizedText(Role.ADMIN, (who, t) -> setConfig(t))))),
        path("configs", () -> get(() -> api.authorized(Role.VIEWER, who ->
            backup.configs().all().thenApply(all -> Responses.ok(new java.util.TreeMap<>(all.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                    e -> BackupWire.settings(e.getValue()))))))))),
        path("run", () -> post(() -> api.authorizedText(Role.OPERATOR, (who, t) -> parse(t, BladeRequest.class,
            r -> onBlade(blade(r.blade()), ref -> AskPattern.ask(ref, (ActorRef<JobView> rt) -> new BackupAgent.StartRun(null, rt), ASK,
                system.scheduler())))))),
        path("restore", () -> post(() -> api.authorizedText(Role.ADMIN, (who, t) -> parse(t, RestoreRequest.class, this::restore)))),
        path("check", () -> post(() -> api.authorizedText(Role.OPERATOR, (who, t) -> parse(t, CheckRequest.class,
            r -> onBlade(self(), ref -> AskPattern.ask(ref, (ActorRef<JobView> to) -> new BackupAgent.StartCheck(
                blade(r.blade()), Boolean.TRUE.equals(r.readData()), to), ASK, system.scheduler())))))),
        path("forget", () -> post(() -> api.authorizedText(Role.ADMIN, (who, t) -> parse(t, ForgetRequest.class,
            r -> onBlade(self(), ref -> AskPattern.ask(ref, (ActorRef<JobView> to) -> new BackupAgent.StartForget(
                blade(r.blade()), Boolean.TRUE.equals(r.dryRun()), to), ASK, system.scheduler())))))),
        path("jobs", () -> get(() -> parameter("blade", b -> api.authorized(Role.VIEWER, who -> guard(() ->
            jobsOf(blade(b))))))),
        path(PathMatchers.segment("jobs").slash(PathMatchers.segment()), id -> get(() -> parameter("blade", b ->
            api.authorized(Role.VIEWER, who -> onBlade(blade(b), ref -> AskPattern.ask(ref,
                (ActorRef<JobView> to) -> new BackupAgent.GetJob(id, to), ASK, system.scheduler())))))),
        path("archives", () -> get(() -> parameter("blade", b -> api.authorized(Role.VIEWER, who -> archives(b))))),
        path(PathMatchers.segment("archives").slash(PathMatchers.segment()), id -> get(() ->
            parameter("blade", b -> api.authorized(Role.VIEWER, who -> show(b, id)))))));
  }

  private <T> CompletionStage<HttpResponse> parse(String text, Class<T> type,
      Function<T, CompletionStage<HttpResponse>> inner) {
    try {
      return inner.apply(Json.parse(text, type));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
  }

  private static String blade(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name the blade: blade is required");
    }
    return Names.requireBladeName(name);
  }

  private String self() {
    return parts.settings().name();
  }

  // ---- settings

  private CompletionStage<HttpResponse> config(String b) {
    try {
      String name = blade(b);
      return backup.configs().of(name).thenApply(c -> Responses.ok(new ConfigView(name, BackupWire.settings(c))));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
  }

  private CompletionStage<HttpResponse> setConfig(String text) {
    BackupConfigChange change;
    try {
      change = Json.parse(text, BackupConfigChange.class);
      String name = blade(change.blade());
      return backup.configs().of(name).thenCompose(old -> {
        BackupConfig next;
        try {
          next = ConfigChanges.applyTo(change, old);
        } catch (IllegalArgumentException e) {
          return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
        }
        return backup.configs().put(name, next).thenApply(c -> Responses.ok(new ConfigView(name, BackupWire.settings(c))));
      });
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
  }

  // ---- jobs on blades' agents

  private CompletionStage<HttpResponse> restore(RestoreRequest r) {
    String source = blade(r.blade());
    if (r.upto() == null || r.upto().isBlank()) {
      return CompletableFuture.completedFuture(Responses.badRequest("name the archive to restore up to: upto"));
    }
    String toBlade = r.toBlade() == null || r.toBlade().isBlank() ? null : blade(r.toBlade());
    if (r.files() != null && r.files().stream().anyMatch(f -> f == null || f.isBlank())) {
      return CompletableFuture.completedFuture(Responses.badRequest("files: empty pattern"));
    }
    return blades().thenCompose(all -> {
      String on;
      if (toBlade != null) {
        on = toBlade;
      } else if (r.target() != null && !r.target().isBlank()) {
        on = self();
      } else if (isUp(all, source)) {
        on = source;
      } else {
        return CompletableFuture.completedFuture(Responses.error(StatusCodes.CONFLICT, source
            + " is not up: restore onto another blade (toBlade) or into a directory (target)"));
      }
      return onBlade(on, ref -> AskPattern.ask(ref, (ActorRef<JobView> to) -> new BackupAgent.StartRestore(source,
          r.upto(), r.target(), r.files() == null ? List.of() : r.files(), null, to), ASK, system.scheduler()));
    });
  }

  /** Finds {@code blade}'s agent and answers with the job it reports. */
  private CompletionStage<HttpResponse> onBlade(String blade,
      Function<ActorRef<BackupAgent.Command>, CompletionStage<JobView>> ask) {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
            r -> Receptionist.find(BackupAgent.key(blade), r), ASK, system.scheduler())
        .thenCompose(listing -> {
          var refs = listing.getServiceInstances(BackupAgent.key(blade));
          if (refs.isEmpty()) {
            return CompletableFuture.completedFuture(Responses.error(StatusCodes.CONFLICT,
                "blade " + blade + " is not up (its backup agent cannot be reached)"));
          }
          return ask.apply(refs.iterator().next()).thenApply(job -> {
            if (job.id() == null) {
              return Responses.badRequest(job.error());
            }
            if ("unknown".equals(job.state())) {
              return Responses.error(StatusCodes.NOT_FOUND, job.error());
            }
            return Responses.json(StatusCodes.OK, BackupWire.job(job));
          });
        });
  }

  /** The jobs {@code blade}'s agent started lately, newest first. */
  private CompletionStage<HttpResponse> jobsOf(String blade) {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
            r -> Receptionist.find(BackupAgent.key(blade), r), ASK, system.scheduler())
        .thenCompose(listing -> {
          var refs = listing.getServiceInstances(BackupAgent.key(blade));
          if (refs.isEmpty()) {
            return CompletableFuture.completedFuture(Responses.error(StatusCodes.CONFLICT,
                "blade " + blade + " is not up (its backup agent cannot be reached)"));
          }
          return AskPattern.ask(refs.iterator().next(), BackupAgent.ListJobs::new, ASK, system.scheduler())
              .thenApply(list -> Responses.ok(list.jobs().stream().map(BackupWire::job).toList()));
        });
  }

  // ---- archives

  private CompletionStage<List<BladeInfo>> blades() {
    return AskPattern.<Directory.Command, Directory.Blades>ask(parts.directory(), Directory.GetBlades::new, ASK,
        system.scheduler()).thenApply(Directory.Blades::blades);
  }

  private static boolean isUp(List<BladeInfo> all, String name) {
    return all.stream().anyMatch(b -> b.name().equals(name) && b.status() == BladeStatus.Up);
  }

  private CompletionStage<CatalogView> catalog(String source) {
    return blades().thenApplyAsync(all -> {
      List<PeerRef> peers = new ArrayList<>();
      all.stream().filter(b -> b.status() == BladeStatus.Up && b.api() != null)
          .forEach(b -> peers.add(new PeerRef(b.name(), b.api())));
      return CatalogView.gather(client, source, peers);
    }, backup.io());
  }

  /** Runs {@code inner}; an invalid argument answers 400. */
  private static CompletionStage<HttpResponse> guard(java.util.function.Supplier<CompletionStage<HttpResponse>> inner) {
    try {
      return inner.get();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
  }

  private CompletionStage<HttpResponse> archives(String b) {
    return guard(() -> archivesOf(blade(b)));
  }

  private CompletionStage<HttpResponse> archivesOf(String source) {
    return catalog(source).thenApply(v -> Responses.ok(v.archives().stream().map(a -> new ArchiveRow(
        a.id(), a.blade(), a.time(), String.valueOf(a.parent()), a.method().name(), a.files(), a.bytes(),
        a.newBytes(), a.deleted(), v.holders(a.id()).stream().map(PeerRef::name).toList())).toList()));
  }

  private CompletionStage<HttpResponse> show(String b, String id) {
    return guard(() -> showOf(blade(b), id));
  }

  private CompletionStage<HttpResponse> showOf(String source, String id) {
    return catalog(source).thenApplyAsync(v -> {
      if (v.archive(id) == null) {
        return Responses.error(StatusCodes.NOT_FOUND, "blade " + source + " has no archive " + id);
      }
      try {
        Manifest m = v.manifest(client, id);
        return Responses.ok(new ArchiveContents(BackupWire.archive(m.archive()),
            v.holders(id).stream().map(PeerRef::name).toList(), m.files().stream().map(f -> new ArchiveContents.File(
                f.path(), f.size(), java.time.Instant.ofEpochMilli(f.mtime()), f.deleted())).toList()));
      } catch (IOException e) {
        return Responses.error(StatusCodes.SERVICE_UNAVAILABLE, e.getMessage());
      }
    }, backup.io());
  }
}
