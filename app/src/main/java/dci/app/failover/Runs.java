package dci.app.failover;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The fail-overs the coordinator steers right now: one child {@link FailoverRun} each, stopped
 * once its record is over. A run that stops before (it failed) leaves its record unfinished, and
 * the coordinator carries it on in a new run.
 */
final class Runs {
  /** The run of fail-over {@code id} stopped. */
  record Over(String id, ActorRef<FailoverRun.Command> run) implements Coordinator.Command {}

  private final ActorContext<Coordinator.Command> ctx;
  private final FailoverContext fx;
  private final FailoverJournal journal;
  private final Map<String, ActorRef<FailoverRun.Command>> runs = new HashMap<>();
  private int spawned;

  Runs(ActorContext<Coordinator.Command> ctx, FailoverContext fx, FailoverJournal journal) {
    this.ctx = ctx;
    this.fx = fx;
    this.journal = journal;
  }

  /** The run steering fail-over {@code id}, or null. */
  ActorRef<FailoverRun.Command> get(String id) {
    return runs.get(id);
  }

  /** Starts a run that stores {@code r} (whose last stored version is {@code before}, or null) and goes on. */
  void steer(FailoverRecord before, FailoverRecord r) {
    ActorRef<FailoverRun.Command> run = ctx.spawn(FailoverRun.create(fx, journal, before, r, ctx.getSelf()),
        "run-" + r.id().replaceAll("[^A-Za-z0-9._-]", "-") + "-" + (++spawned));
    ctx.watchWith(run, new Over(r.id(), run));
    runs.put(r.id(), run);
  }

  /** A run stored {@code r}: once it is over, the run stops. */
  void progress(FailoverRecord r) {
    if (r.over()) {
      ActorRef<FailoverRun.Command> run = runs.remove(r.id());
      if (run != null) {
        ctx.unwatch(run);
        ctx.stop(run);
      }
    }
  }

  void over(Over m) {
    if (Objects.equals(runs.get(m.id()), m.run())) {
      ctx.getLog().warn("the run of fail-over {} stopped before it was over: it is carried on anew", m.id());
      runs.remove(m.id());
    }
  }
}
