package dci.app.packages;

import com.fasterxml.jackson.databind.JsonNode;
import dci.actors.peerlet.PeerletApi;
import dci.actors.peerlet.PeerletMessage;
import dci.actors.peerlet.PeerletType;
import dci.actors.router.Undeliverable;
import dci.protocol.Json;
import dci.protocol.auth.Role;
import dci.protocol.envelope.Envelope;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.api.Inventory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * {@code dci.install}: a blade's software installer as a peerlet (admins only). It answers
 * install, uninstall and follow envelopes with an {@link InstallReport} and list envelopes with
 * the blade's {@link Inventory}; on {@code published} it upgrades a followed package by itself.
 * Changes run one at a time, in arrival order; each runs off the actor ({@link InstallWork}) and
 * comes back through {@code pipeToSelf}. Every {@code follow-check-interval} it also catches up
 * with the newest published versions of what it follows (announcements it may have missed).
 */
public final class InstallPeerlet {
  public static final String APP = "dci.install";
  static final int QUEUE_LIMIT = 1000;

  /** What a job gives back: the reply to its request, or the reports of updates it made by itself. */
  private record Outcome(JsonNode reply, List<InstallReport> automatic) {
    static Outcome reply(Object value) {
      return new Outcome(json(value), List.of());
    }
  }

  private record Finished(Envelope request, Outcome outcome, boolean queued) implements PeerletMessage {}

  private record Job(Envelope request, Supplier<CompletionStage<Outcome>> run) {}

  private final PeerletApi api;
  private final InstallWork work;
  private final Follows follows;
  private final ActorContext<PeerletMessage> context;
  private final ArrayDeque<Job> queue = new ArrayDeque<>();
  private boolean busy;

  private InstallPeerlet(PeerletApi api, InstallWork work, Follows follows, ActorContext<PeerletMessage> context) {
    this.api = api;
    this.work = work;
    this.follows = follows;
    this.context = context;
  }

  static PeerletType type(InstallWork work, Follows follows, Duration followCheck) {
    return new PeerletType(APP, Role.ADMIN, api -> Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      if (!followCheck.isZero() && !followCheck.isNegative()) {
        timers.startTimerWithFixedDelay("follow-check", new PeerletMessage.Tick("follow-check"), followCheck,
            followCheck);
      }
      api.ready();
      return new InstallPeerlet(api, work, follows, context).behavior();
    })));
  }

  private Behavior<PeerletMessage> behavior() {
    return Behaviors.receive(PeerletMessage.class)
        .onMessage(PeerletMessage.Incoming.class, m -> {
          onEnvelope(m.envelope());
          return Behaviors.same();
        })
        .onMessage(PeerletMessage.Tick.class, t -> {
          enqueue(new Job(null, this::catchUpAll));
          return Behaviors.same();
        })
        .onMessage(Finished.class, f -> {
          if (f.request() != null && f.outcome().reply() != null) {
            api.reply(f.request(), f.outcome().reply());
          }
          f.outcome().automatic().forEach(this::log);
          if (f.queued()) {
            busy = false;
            next();
          }
          return Behaviors.same();
        })
        .build();
  }

  private void onEnvelope(Envelope e) {
    if (Undeliverable.is(e)) {
      return;
    }
    InstallRequest req;
    try {
      req = InstallRequest.parse(e.payload());
    } catch (PackageException | IllegalArgumentException bad) {
      String op = e.payload() == null ? null : e.payload().path("op").asText(null);
      api.reply(e, json(InstallReport.failed(api.blade(), op, null, null, bad.getMessage(), 0)));
      return;
    }
    switch (req.op()) {
      case "list" -> run(e, () -> work.list().thenApply(Outcome::reply), false);
      case "install" -> enqueue(new Job(e, () -> work.install(req.name(), req.version()).thenApply(Outcome::reply)));
      case "uninstall" -> enqueue(new Job(e, () -> work.uninstall(req.name()).thenApply(Outcome::reply)));
      case "follow" -> enqueue(new Job(e, () -> work.follow(req.name(), req.follow()).thenApply(Outcome::reply)));
      case "published" -> {
        if (follows.follows(req.name())) {
          enqueue(new Job(null, () -> automatic(req.name())));
        }
      }
      default -> enqueue(new Job(null, this::catchUpAll));
    }
  }

  private void enqueue(Job job) {
    if (queue.size() >= QUEUE_LIMIT) {
      if (job.request() != null) {
        api.reply(job.request(), json(InstallReport.failed(api.blade(), job.request().payload().path("op").asText(),
            null, null, "the installer of " + api.blade() + " has " + QUEUE_LIMIT + " requests waiting: try later", 0)));
      }
      return;
    }
    queue.add(job);
    next();
  }

  private void next() {
    if (busy || queue.isEmpty()) {
      return;
    }
    busy = true;
    Job job = queue.poll();
    run(job.request(), job.run(), true);
  }

  private void run(Envelope request, Supplier<CompletionStage<Outcome>> job, boolean queued) {
    CompletionStage<Outcome> stage;
    try {
      stage = job.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    context.pipeToSelf(stage, (outcome, failure) -> new Finished(request, failure == null ? outcome
        : Outcome.reply(InstallReport.failed(api.blade(), null, null, null, InstallWork.why(failure), 0)), queued));
  }

  /** A followed package was published: upgrade to it (logged, nobody to answer). */
  private CompletionStage<Outcome> automatic(String name) {
    return work.catchUp(name).thenApply(r -> new Outcome(null, List.of(r)));
  }

  private CompletionStage<Outcome> catchUpAll() {
    CompletionStage<List<InstallReport>> chain = CompletableFuture.completedFuture(List.of());
    for (String name : follows.names()) {
      chain = chain.thenCompose(done -> work.catchUp(name).thenApply(r -> {
        List<InstallReport> all = new java.util.ArrayList<>(done);
        all.add(r);
        return all;
      }));
    }
    return chain.thenApply(all -> new Outcome(null, all));
  }

  private void log(InstallReport r) {
    if ("unchanged".equals(r.state())) {
      context.getLog().debug("followed package {}: {}", r.name(), r.message());
    } else if (r.ok()) {
      context.getLog().info("followed package {} updated by itself: {}", r.name(), r.message());
    } else {
      context.getLog().warn("followed package {} could not be updated: {}", r.name(), r.message());
    }
  }

  static JsonNode json(Object value) {
    return Json.mapper().valueToTree(value);
  }
}
