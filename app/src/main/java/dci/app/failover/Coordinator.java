package dci.app.failover;

import dci.actors.directory.Directory;
import dci.hardware.body.Reading;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The fail-over coordinator, one in the cluster: a Pekko cluster singleton on the oldest blade
 * running fail-over, started through every blade's {@link Failover} agent. It sees membership,
 * records and health verdicts ({@link Sight}), confirms suspicions ({@link Suspicions}), plans
 * each fail-over ({@link FailoverSteps#plan}) and steers it in a child {@link FailoverRun}. When
 * its blade leaves or is lost the singleton starts on the next oldest one, which reads the
 * records from a majority and carries on every fail-over left unfinished.
 */
final class Coordinator extends AbstractBehavior<Coordinator.Command> {
  /** What it accepts: these, and {@link Failover.Suspect}, {@link Failover.Trigger}, {@link Failover.GetStatus}. */
  interface Command {}

  /** The singleton's name. */
  static final String NAME = "failover-coordinator";

  /** From a run: its record as just stored. */
  record Progress(FailoverRecord record) implements Command {}

  private enum Tick implements Command { INSTANCE }

  private record BladesChanged(List<BladeInfo> blades) implements Command {}

  private record Planned(String failed, FailoverRecord record, Throwable error, ActorRef<Failover.Answer> replyTo)
      implements Command {}

  private record Agents(Set<ActorRef<Failover.Command>> all) implements Command {}

  private final FailoverContext fx;
  private final FailoverJournal journal;
  private final Sight sight;
  private final Suspicions suspicions;
  private final Clock clock = Clock.systemUTC();
  /** Blades confirmed lost before the records were read: started once they are. */
  private final Map<String, String> confirmedEarly = new HashMap<>();
  /** Failed blades whose fail-over is being planned. */
  private final Set<String> planning = new HashSet<>();
  /** This blade was seen taking part in a full shutdown (which cannot be called off). */
  private boolean fullShutdownSeen;
  private final Runs runs;

  static Behavior<Command> create(FailoverContext fx) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.INSTANCE, fx.settings().tick());
      return new Coordinator(ctx, fx);
    }));
  }

  private Coordinator(ActorContext<Command> ctx, FailoverContext fx) {
    super(ctx);
    this.fx = fx;
    this.journal = new FailoverJournal(ctx.getSystem(), fx.blade(), fx.log(), fx.settings().writeTimeout());
    this.sight = new Sight(ctx, journal);
    this.suspicions = new Suspicions(ctx, fx);
    this.runs = new Runs(ctx, fx, journal);
    ctx.getLog().warn("{} coordinates fail-over from now on", fx.blade());
    fx.directory().tell(new Directory.Watch(ctx.messageAdapter(Directory.Blades.class,
        b -> new BladesChanged(b.blades()))));
    ctx.getSystem().receptionist().tell(Receptionist.subscribe(Failover.KEY, ctx.messageAdapter(
        Receptionist.Listing.class, l -> new Agents(l.getServiceInstances(Failover.KEY)))));
    sight.look();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Tick.INSTANCE, () -> {
          if (sight.loaded()) {
            return evaluate();
          }
          sight.look();
          return this;
        })
        .onMessage(Sight.Looked.class, m -> sight.looked(m) ? evaluate() : this)
        .onMessage(Sight.Changed.class, m -> sight.changed(m) ? evaluate() : this)
        .onMessage(BladesChanged.class, m -> {
          sight.blades(m.blades());
          return evaluate();
        })
        .onMessage(Agents.class, m -> {
          m.all().forEach(a -> a.tell(new Failover.Coordinating(fx.blade())));
          return this;
        })
        .onMessage(Failover.Suspect.class, m -> {
          suspicions.suspect(m.blade(), m.why(), sight.blades());
          return this;
        })
        .onMessage(Suspicions.Probed.class, m -> {
          String cause = suspicions.onProbed(m, sight.blades());
          return cause == null ? this : confirmed(m.blade(), cause);
        })
        .onMessage(Failover.Trigger.class, this::onTrigger)
        .onMessage(Planned.class, this::onPlanned)
        .onMessage(Progress.class, m -> {
          sight.records().put(m.record().id(), m.record());
          runs.progress(m.record());
          return this;
        })
        .onMessage(Runs.Over.class, m -> {
          runs.over(m);
          return this;
        })
        .onMessage(Failover.GetStatus.class, this::onGetStatus)
        .build();
  }

  /** Suspects the unreachable, starts fail-overs that are due, and carries on those left unfinished. */
  private Behavior<Command> evaluate() {
    wholeClusterShuttingDown(); // noted as soon as seen, before this blade moves on to leaving
    List<BladeInfo> blades = sight.blades();
    Map<String, FailoverRecord> records = sight.records();
    suspicions.clearUp(blades);
    if (!sight.loaded()) {
      return this;
    }
    Map<String, String> early = new HashMap<>(confirmedEarly);
    confirmedEarly.clear();
    early.forEach((blade, cause) -> start(blade, cause, false, null));
    Instant now = clock.instant();
    for (BladeInfo b : blades) {
      if (b.status() == BladeStatus.Unreachable) {
        suspicions.suspect(b.name(), "the cluster's failure detector marks it unreachable", blades);
      } else if ((b.status() == BladeStatus.Down || b.status() == BladeStatus.Removed)
          && !FailoverPlan.hasRecordSince(records.values(), b, false, now, fx.settings())) {
        suspicions.add(b.name());
        start(b.name(), "removed from the cluster (" + b.status() + ")", false, null);
      }
    }
    sight.readings().values().stream().filter(r -> r.condition() == Reading.Condition.impending)
        .filter(r -> blades.stream().anyMatch(b -> b.name().equals(r.blade()) && b.status() == BladeStatus.Up
            && !FailoverPlan.hasRecordSince(records.values(), b, true, now, fx.settings())))
        .forEach(r -> start(r.blade(), "impending failure: " + String.join("; ", r.reasons()), true, null));
    for (FailoverRecord r : List.copyOf(records.values())) {
      ActorRef<FailoverRun.Command> run = runs.get(r.id());
      if (r.over()) {
        continue;
      } else if (run == null) {
        getContext().getLog().warn("carrying on fail-over {} left by coordinator {}", r.id(), r.coordinator());
        steer(r.next(r.state(), fx.blade(), clock.instant(), fx.blade(), r.coordinator().equals(fx.blade())
            ? "the coordinator on " + fx.blade() + " took it up again"
            : "coordinator " + r.coordinator() + " is gone: " + fx.blade() + " carries on"));
      } else if (r.replacement() != null && (r.state().equals("copying") || r.state().equals("restoring"))
          && FailoverPlan.lost(r.replacement(), fx.blade(), suspicions.suspects(), blades)) {
        run.tell(FailoverRun.ReplacementLost.INSTANCE);
      }
    }
    return this;
  }

  // ---- starting one

  /** {@code blade} is confirmed lost (and downed): its fail-over starts, once the records are read. */
  private Behavior<Command> confirmed(String blade, String cause) {
    if (sight.loaded()) {
      start(blade, cause, false, null);
    } else {
      confirmedEarly.put(blade, cause);
    }
    return this;
  }

  private Behavior<Command> onTrigger(Failover.Trigger m) {
    if (!sight.loaded()) {
      m.replyTo().tell(new Failover.Answer(false, "the coordinator on " + fx.blade()
          + " is still reading the fail-over records: try again in a moment", null));
      return this;
    }
    List<BladeInfo> blades = sight.blades();
    boolean up = blades.stream().anyMatch(b -> b.name().equals(m.blade()) && b.status() == BladeStatus.Up);
    if (!up && blades.stream().noneMatch(b -> b.name().equals(m.blade()))) {
      m.replyTo().tell(new Failover.Answer(false, "no blade " + m.blade() + " in the cluster", null));
      return this;
    }
    start(m.blade(), "triggered by an operator" + (m.reason() == null ? "" : ": " + m.reason()), up, m.replyTo());
    return this;
  }

  private void start(String failed, String cause, boolean readable, ActorRef<Failover.Answer> replyTo) {
    if (wholeClusterShuttingDown()) {
      // every blade is on its way out (dci cage stopped, or a full shutdown prepared): a blade
      // leaving now is not lost, and there is nowhere to move its users to
      if (replyTo != null) {
        replyTo.tell(new Failover.Answer(false, "the whole cluster is shutting down: no fail-over of " + failed, null));
      }
      return;
    }
    FailoverRecord open = sight.records().values().stream().filter(r -> r.failed().equals(failed) && !r.over())
        .findFirst().orElse(null);
    if (open != null || planning.contains(failed)) {
      if (replyTo != null) {
        replyTo.tell(new Failover.Answer(false, "a fail-over of " + failed + " is under way", open));
      }
      return;
    }
    Instant now = clock.instant();
    String id = failed + "@" + now.toEpochMilli();
    planning.add(failed);
    var plan = FailoverSteps.plan(getContext().getSystem(), fx, id, failed, cause, readable, now, sight.blades(),
        Set.copyOf(suspicions.suspects()), sight.readings(), sight.spareMarks());
    getContext().pipeToSelf(plan, (r, err) -> new Planned(failed, r, err, replyTo));
  }

  /**
   * Whether this blade takes part in a prepared shutdown of the whole cluster (Pekko's
   * PrepareForFullClusterShutdown), or is leaving after one: it starts no fail-over then. (A
   * coordinator whose blade leaves on its own keeps going: the next one takes over from it.)
   */
  private boolean wholeClusterShuttingDown() {
    MemberStatus s = Cluster.get(getContext().getSystem()).selfMember().status();
    if (s == MemberStatus.shuttingDown() || s == MemberStatus.shutDown()) {
      fullShutdownSeen = true;
    }
    return fullShutdownSeen;
  }

  private Behavior<Command> onPlanned(Planned m) {
    planning.remove(m.failed());
    if (m.error() != null) {
      getContext().getLog().error("fail-over could not be planned: {}", m.error().toString());
      if (m.replyTo() != null) {
        m.replyTo().tell(new Failover.Answer(false, "fail-over could not be planned: " + m.error().getMessage(), null));
      }
      return this;
    }
    FailoverRecord r = m.record();
    getContext().getLog().warn("fail-over {}: {} -> {} by {} ({})", r.id(), r.failed(), r.replacement(), r.method(),
        r.cause());
    if (r.replacement() != null && (r.state().equals("copying") || r.state().equals("switching"))) {
      journal.markSpare(r.replacement(), "in-service");
    }
    if (m.replyTo() != null) {
      m.replyTo().tell(new Failover.Answer(!r.state().equals("failed"), r.steps().get(r.steps().size() - 1).what(), r));
    }
    steer(r);
    return this;
  }

  private void steer(FailoverRecord r) {
    runs.steer(sight.records().put(r.id(), r), r);
  }

  private Behavior<Command> onGetStatus(Failover.GetStatus m) {
    m.replyTo().tell(new Failover.Status(fx.blade(), fx.blade(), List.copyOf(new TreeSet<>(suspicions.suspects())),
        FailoverPlan.freeSpares(sight.blades(), sight.spareMarks(), suspicions.suspects()).stream()
            .map(BladeInfo::name).toList(),
        sight.records().values().stream().filter(r -> !r.over()).toList()));
    return this;
  }
}
