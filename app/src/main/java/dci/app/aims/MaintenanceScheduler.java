package dci.app.aims;

import dci.hardware.ReplicatedMap;
import dci.protocol.BladeInfo;
import dci.protocol.aims.MaintenanceJob;
import dci.protocol.aims.MaintenanceResult;
import dci.storage.backup.Schedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * A blade's maintenance: it hears the cluster's jobs (pushed, no polling), keeps one timer per
 * job at its next firing, and when one fires runs it here if the job's {@code on} names this
 * blade then; each result goes to the blade's history and, as the job's last result here, to
 * every blade. {@link RunNow} runs a job at once and answers its result.
 */
final class MaintenanceScheduler extends AbstractBehavior<MaintenanceScheduler.Command> {
  interface Command {}

  /** Run {@code job} now on this blade and answer its result. */
  record RunNow(MaintenanceJob job, ActorRef<MaintenanceResult> replyTo) implements Command {}

  private record Jobs(Replicator.SubscribeResponse<LWWMap<String, MaintenanceJob>> rsp) implements Command {}

  private record Fire(String name) implements Command {}

  private record Targeted(MaintenanceJob job, boolean here) implements Command {}

  private record Ran(MaintenanceResult result, ActorRef<MaintenanceResult> replyTo) implements Command {}

  private final String blade;
  private final Fleet fleet;
  private final MaintenanceTask task;
  private final MaintenanceLog log;
  private final ReplicatedMap<MaintenanceResult> last;
  private final Executor io;
  private final Clock clock;
  private final TimerScheduler<Command> timers;
  private Map<String, MaintenanceJob> jobs = Map.of();

  static Behavior<Command> create(String blade, ReplicatedMap<MaintenanceJob> jobs, Fleet fleet, MaintenanceTask task,
      MaintenanceLog log, ReplicatedMap<MaintenanceResult> last, Executor io, Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new MaintenanceScheduler(ctx, timers, blade, jobs, fleet, task, log, last, io, clock)));
  }

  private MaintenanceScheduler(ActorContext<Command> ctx, TimerScheduler<Command> timers, String blade,
      ReplicatedMap<MaintenanceJob> jobs, Fleet fleet, MaintenanceTask task, MaintenanceLog log,
      ReplicatedMap<MaintenanceResult> last, Executor io, Clock clock) {
    super(ctx);
    this.timers = timers;
    this.blade = blade;
    this.fleet = fleet;
    this.task = task;
    this.log = log;
    this.last = last;
    this.io = io;
    this.clock = clock;
    ActorRef<Replicator.SubscribeResponse<LWWMap<String, MaintenanceJob>>> adapter = adapter(ctx);
    DistributedData.get(ctx.getSystem()).replicator().tell(new Replicator.Subscribe<>(jobs.key(), adapter));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ActorRef<Replicator.SubscribeResponse<LWWMap<String, MaintenanceJob>>> adapter(
      ActorContext<Command> ctx) {
    return (ActorRef) ctx.messageAdapter(Replicator.SubscribeResponse.class,
        r -> new Jobs((Replicator.SubscribeResponse<LWWMap<String, MaintenanceJob>>) r));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Jobs.class, this::onJobs)
        .onMessage(Fire.class, this::onFire)
        .onMessage(Targeted.class, this::onTargeted)
        .onMessage(RunNow.class, m -> {
          run(m.job(), m.replyTo());
          return this;
        })
        .onMessage(Ran.class, this::onRan)
        .build();
  }

  private Behavior<Command> onJobs(Jobs m) {
    if (m.rsp() instanceof Replicator.Changed<LWWMap<String, MaintenanceJob>> c) {
      Map<String, MaintenanceJob> now = c.dataValue().getEntries();
      jobs.keySet().stream().filter(n -> !now.containsKey(n)).forEach(timers::cancel);
      now.forEach((name, job) -> {
        if (!job.equals(jobs.get(name))) {
          arm(job);
        }
      });
      jobs = Map.copyOf(now);
    }
    return this;
  }

  private void arm(MaintenanceJob job) {
    Instant now = clock.instant();
    Instant next = Schedule.parse(job.schedule()).next(now, ZoneId.systemDefault());
    timers.startSingleTimer(job.name(), new Fire(job.name()), Duration.between(now, next));
  }

  private Behavior<Command> onFire(Fire f) {
    MaintenanceJob job = jobs.get(f.name());
    if (job == null) {
      return this;
    }
    arm(job);
    getContext().pipeToSelf(fleet.targets(job.on()), (blades, err) -> new Targeted(job,
        err == null && blades.stream().map(BladeInfo::name).anyMatch(blade::equals)));
    return this;
  }

  private Behavior<Command> onTargeted(Targeted t) {
    if (t.here()) {
      run(t.job(), null);
    }
    return this;
  }

  private void run(MaintenanceJob job, ActorRef<MaintenanceResult> replyTo) {
    Instant start = clock.instant();
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> task.run(job), io), (r, err) -> new Ran(
        new MaintenanceResult(job.name(), blade, job.task(), start, Duration.between(start, clock.instant()).toMillis(),
            err == null && r.ok(), err != null ? String.valueOf(err.getMessage()) : r.output()), replyTo));
  }

  private Behavior<Command> onRan(Ran m) {
    MaintenanceResult r = m.result();
    last.putLocal(r.job() + "|" + blade, r);
    CompletableFuture.runAsync(() -> {
      try {
        log.add(r);
      } catch (java.io.IOException e) {
        org.slf4j.LoggerFactory.getLogger(MaintenanceScheduler.class).warn("cannot keep a maintenance result: {}",
            e.getMessage());
      }
    }, io);
    if (m.replyTo() != null) {
      m.replyTo().tell(r);
    }
    return this;
  }
}
