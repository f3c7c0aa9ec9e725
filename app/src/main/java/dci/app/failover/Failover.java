package dci.app.failover;

import dci.actors.directory.Directory;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.protocol.DciSerializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Fail-over on one blade: every blade running fail-over has this agent. It starts the cluster
 * singleton {@link Coordinator} (one in the cluster, on the oldest blade with role {@link
 * FailoverFeature#ROLE} in data center {@code dci.failover.data-center}) and hands it
 * what the blade's API asks: suspicions, triggers and status. It keeps lifelines ({@link Lifelines})
 * to the next two blades and suspects one whose lifeline breaks. On a replacement it runs the
 * takeover ({@link Takeover}) the coordinator asks for. And it watches the coordinator's own
 * blade, which the coordinator cannot confirm lost itself: when the failure detector marks that
 * blade unreachable, or its lifeline breaks, and nothing listens on its API port, the agent downs it, so the singleton
 * starts on the next oldest blade without waiting for the split brain resolver.
 */
public final class Failover extends AbstractBehavior<Failover.Command> {
  public interface Command {}

  /** {@code blade} may be lost: the coordinator checks. */
  public record Suspect(String blade, String why) implements Command, Coordinator.Command, DciSerializable {}

  /** An operator asks for {@code blade} to be failed over now (it may still be alive: Fig. 6). */
  public record Trigger(String blade, String reason, ActorRef<Answer> replyTo)
      implements Command, Coordinator.Command, DciSerializable {}

  public record GetStatus(ActorRef<Status> replyTo) implements Command, Coordinator.Command, DciSerializable {}

  /** To the replacement's agent: take over {@code record}'s failed blade, then tell {@code run}. */
  public record TakeOver(FailoverRecord record, ActorRef<FailoverRun.Command> run) implements Command, DciSerializable {}

  /** The replacement's answer to {@link TakeOver}. */
  public record TakenOver(String id, boolean ok, String detail) implements FailoverRun.Command, DciSerializable {}

  /** From the coordinator to every agent: it runs on {@code blade}. */
  public record Coordinating(String blade) implements Command, DciSerializable {}

  public record Answer(boolean ok, String message, FailoverRecord record) implements DciSerializable {}

  /** {@code blade} answers; {@code coordinator} is null while no coordinator answers (one is starting). */
  public record Status(String blade, String coordinator, List<String> suspects, List<String> freeSpares,
      List<FailoverRecord> active) implements DciSerializable {}

  private record BladesChanged(List<BladeInfo> blades) implements Command {}

  private record Answered(ActorRef<Answer> replyTo, Answer answer) implements Command {}

  private record StatusAnswered(ActorRef<Status> replyTo, Status status) implements Command {}

  private record LocalStatus(ActorRef<Status> replyTo, Map<String, FailoverRecord> records) implements Command {}

  private record Probed(String blade, String api, boolean lifeline, String lost) implements Command {}

  private record Restored(FailoverRecord record, String detail, Throwable error) implements Command {}

  /** Every blade's agent. */
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "dci-failover");
  private static final Duration ASK = Duration.ofSeconds(5);

  /** The agent of {@code blade}. */
  static ServiceKey<Command> keyOf(String blade) {
    return ServiceKey.create(Command.class, "dci-failover-" + blade);
  }

  private final FailoverContext fx;
  private final ActorRef<Coordinator.Command> coordinator;
  private final FailoverJournal journal;
  private final HealthProbe probe;
  private final Lifelines lifelines;
  private List<BladeInfo> blades = List.of();
  /** The blade the coordinator last said it runs on. */
  private String coordinatorBlade;
  private long probedAt;
  /** Takeovers this blade runs or ran as replacement: id → runs waiting, and results. */
  private final Map<String, List<ActorRef<FailoverRun.Command>>> takingOver = new HashMap<>();
  private final Map<String, TakenOver> tookOver = new HashMap<>();

  public static Behavior<Command> create(FailoverContext fx) {
    return Behaviors.setup(ctx -> {
      ClusterSingletonSettings settings = ClusterSingletonSettings.create(ctx.getSystem())
          .withRole(FailoverFeature.ROLE).withDataCenter(fx.settings().dataCenter());
      ActorRef<Coordinator.Command> coordinator = ClusterSingleton.get(ctx.getSystem()).init(SingletonActor.of(
          Behaviors.supervise(Coordinator.create(fx)).onFailure(SupervisorStrategy.restart()), Coordinator.NAME)
          .withSettings(settings));
      return Behaviors.<Command>withTimers(timers -> new Failover(ctx, timers, fx, coordinator));
    });
  }

  private Failover(ActorContext<Command> ctx, org.apache.pekko.actor.typed.javadsl.TimerScheduler<Command> timers,
      FailoverContext fx, ActorRef<Coordinator.Command> coordinator) {
    super(ctx);
    this.fx = fx;
    this.lifelines = new Lifelines(ctx, timers, fx.peers(), fx.blade());
    this.coordinator = coordinator;
    this.journal = new FailoverJournal(ctx.getSystem(), fx.blade(), fx.log(), fx.settings().writeTimeout());
    this.probe = new HealthProbe(fx.settings().probeTimeout(), fx.peers());
    ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
    ctx.getSystem().receptionist().tell(Receptionist.register(keyOf(fx.blade()), ctx.getSelf()));
    fx.directory().tell(new Directory.Watch(ctx.messageAdapter(Directory.Blades.class,
        b -> new BladesChanged(b.blades()))));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Suspect.class, this::onSuspect)
        .onMessage(Trigger.class, this::onTrigger)
        .onMessage(Answered.class, m -> {
          m.replyTo().tell(m.answer());
          return this;
        })
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(StatusAnswered.class, this::onStatusAnswered)
        .onMessage(LocalStatus.class, m -> {
          m.replyTo().tell(new Status(fx.blade(), null, List.of(), List.of(),
              m.records().values().stream().filter(r -> !r.over()).toList()));
          return this;
        })
        .onMessage(Coordinating.class, m -> {
          coordinatorBlade = m.blade();
          return watchCoordinator();
        })
        .onMessage(BladesChanged.class, m -> {
          blades = m.blades();
          lifelines.follow(blades);
          return watchCoordinator();
        })
        .onMessage(Lifelines.Ended.class, m -> {
          String why = lifelines.ended(m);
          if (why != null && m.blade().equals(coordinatorBlade)) {
            probeCoordinator(why, true);
          }
          return why == null ? this : tellCoordinator(new Suspect(m.blade(), why));
        })
        .onMessage(Lifelines.Reopen.class, m -> {
          lifelines.reopen(m, blades);
          return this;
        })
        .onMessage(Probed.class, this::onProbed)
        .onMessage(TakeOver.class, this::onTakeOver)
        .onMessage(Restored.class, this::onRestored)
        .build();
  }

  // ---- what the blade's API asks of the coordinator

  private Behavior<Command> onSuspect(Suspect m) {
    if (m.blade().equals(coordinatorBlade)) {
      probeCoordinator(m.why(), false);
    }
    return tellCoordinator(m);
  }

  private Behavior<Command> tellCoordinator(Suspect m) {
    coordinator.tell(m);
    return this;
  }

  private Behavior<Command> onTrigger(Trigger m) {
    getContext().ask(Answer.class, coordinator, ASK.plusSeconds(3), rt -> new Trigger(m.blade(), m.reason(), rt),
        (a, err) -> new Answered(m.replyTo(), a != null ? a
            : new Answer(false, "no fail-over coordinator answers (a new one may be starting): try again in a moment",
                null)));
    return this;
  }

  private Behavior<Command> onGetStatus(GetStatus m) {
    getContext().ask(Status.class, coordinator, ASK, GetStatus::new, (s, err) -> new StatusAnswered(m.replyTo(), s));
    return this;
  }

  private Behavior<Command> onStatusAnswered(StatusAnswered m) {
    Status s = m.status();
    if (s != null) {
      m.replyTo().tell(new Status(fx.blade(), s.coordinator(), s.suspects(), s.freeSpares(), s.active()));
    } else {
      // no coordinator answers (one is starting): what this blade's copy of the records says
      getContext().pipeToSelf(journal.records(), (r, err) -> new LocalStatus(m.replyTo(), r == null ? Map.of() : r));
    }
    return this;
  }

  // ---- the coordinator's own blade

  private Behavior<Command> watchCoordinator() {
    if (coordinatorBlade != null && blades.stream().anyMatch(b -> b.name().equals(coordinatorBlade)
        && b.status() == BladeStatus.Unreachable)) {
      probeCoordinator("the cluster's failure detector marks it unreachable", false);
    }
    return this;
  }

  /**
   * Probes the coordinator's blade. Only a broken lifeline (the kernel closed the blade's
   * connection) lets a confirmed probe down a blade still listed Up; any other suspicion (a desk
   * that cannot reach it) needs the detector's Unreachable too, since a blade started again under
   * its name is Up before its new API is published.
   */
  private void probeCoordinator(String why, boolean lifeline) {
    String blade = coordinatorBlade;
    if (blade.equals(fx.blade()) || System.nanoTime() - probedAt < fx.settings().probeTimeout().toNanos() * 2) {
      return;
    }
    String api = blades.stream().filter(b -> b.name().equals(blade)).map(BladeInfo::api)
        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    if (api != null) {
      probedAt = System.nanoTime();
      getContext().getLog().info("the coordinator's blade {} is suspected ({}): probing it", blade, why);
      getContext().pipeToSelf(probe.lost(api), (lost, err) -> new Probed(blade, api, lifeline, err != null ? null : lost));
    }
  }

  private Behavior<Command> onProbed(Probed m) {
    BladeInfo b = blades.stream().filter(x -> x.name().equals(m.blade())).findFirst().orElse(null);
    boolean same = b != null && m.api().equals(b.api());
    if (m.lost() != null && same
        && (b.status() == BladeStatus.Unreachable || m.lifeline() && b.status() == BladeStatus.Up)) {
      getContext().getLog().warn("{}, which hosts the fail-over coordinator, is gone ({}): downing it, so the "
          + "coordinator starts on another blade", m.blade(), m.lost());
      fx.downing().accept(b);
    }
    return this;
  }

  // ---- the replacement's part

  private Behavior<Command> onTakeOver(TakeOver m) {
    String id = m.record().id();
    if (tookOver.containsKey(id)) {
      m.run().tell(tookOver.get(id));
      return this;
    }
    boolean running = takingOver.containsKey(id);
    takingOver.computeIfAbsent(id, k -> new ArrayList<>()).add(m.run());
    if (running) {
      return this;
    }
    m.record().users().forEach(fx.holds()::hold);
    getContext().getLog().warn("taking over {} for fail-over {} ({})", m.record().failed(), id, m.record().method());
    getContext().pipeToSelf(FailoverSteps.takeOver(getContext().getSystem(), fx, m.record(), blades),
        (detail, err) -> new Restored(m.record(), detail, err));
    return this;
  }

  private Behavior<Command> onRestored(Restored m) {
    FailoverRecord r = m.record();
    r.users().forEach(fx.holds()::release);
    Throwable e = m.error() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
        ? c.getCause() : m.error();
    TakenOver done = new TakenOver(r.id(), e == null, e == null ? m.detail() : e.getMessage());
    tookOver.put(r.id(), done);
    takingOver.getOrDefault(r.id(), List.of()).forEach(c -> c.tell(done));
    takingOver.remove(r.id());
    return this;
  }
}
