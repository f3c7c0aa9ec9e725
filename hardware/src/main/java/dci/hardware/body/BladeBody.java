package dci.hardware.body;

import dci.hardware.Disk;
import dci.hardware.ReplicatedMap;
import dci.protocol.DciSerializable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * A blade's body: samples its sensors and disk every interval (on the I/O dispatcher), lays
 * the injected faults over them, lets the health monitor judge, and publishes the reading to
 * every blade (replicated map {@value #HEALTH_MAP}). Faults come from operators; power faults
 * cut the blade's (or its whole cage's) power supply.
 *
 * <p>While the blade is healthy and no fault is injected, the time to the next sample doubles
 * after each one, up to the quiet interval (an idle blade costs little); a verdict other than ok,
 * or a fault injected or cleared, brings it back to the interval at once.
 */
public final class BladeBody extends AbstractBehavior<BladeBody.Command> {
  public interface Command {}

  /** The latest reading. */
  public record GetReading(ActorRef<BodyState> replyTo) implements Command, DciSerializable {}

  /** Adds (or replaces, per kind) a fault. */
  public record InjectFault(Fault fault, ActorRef<BodyState> replyTo) implements Command, DciSerializable {}

  /** Removes every fault. */
  public record ClearFaults(ActorRef<BodyState> replyTo) implements Command, DciSerializable {}

  /** Sent to every body when one cage loses power: those in that cage die. */
  public record CutCagePower(String cage) implements Command, DciSerializable {}

  /** The body's state as an answer. */
  public record BodyState(String blade, String cage, List<String> faults, Reading reading)
      implements DciSerializable {}

  private enum Tick implements Command { INSTANCE }

  private enum PowerGone implements Command { INSTANCE }

  private record Sampled(Reading reading, Throwable error) implements Command {}

  private record Bodies(Set<ActorRef<Command>> all) implements Command {}

  private record Retuned(HealthMonitor.Thresholds levels) implements Command {}

  /** Who the body belongs to and how it samples: every interval, backing off to quietInterval while healthy. */
  public record Settings(String blade, String cage, Path dataDir, Duration interval, Duration quietInterval,
      HealthMonitor.Thresholds thresholds) {
    public Settings {
      quietInterval = quietInterval.compareTo(interval) > 0 ? quietInterval : interval;
    }
  }

  public static final String HEALTH_MAP = "dci-health";

  /**
   * The cluster's health levels set by an operator ({@code dci aims health set}), entry
   * {@value #THRESHOLDS_ENTRY}: over each blade's configured ones while present.
   */
  public static final String THRESHOLDS_MAP = "dci-health-thresholds";
  public static final String THRESHOLDS_ENTRY = "cluster";

  /** Every body, for cage-wide events. */
  public static final ServiceKey<Command> ALL = ServiceKey.create(Command.class, "dci-body");

  /** The body of one blade. */
  public static ServiceKey<Command> key(String blade) {
    return ServiceKey.create(Command.class, "dci-body-" + blade);
  }

  private final Settings settings;
  private final TimerScheduler<Command> timers;
  private final Sensors sensors;
  private final PowerSupply power;
  private final Executor io;
  private final DiskProbe probe;
  private final Disk disk;
  private final HealthMonitor monitor;
  private final ReplicatedMap<Reading> board;
  private final Map<Fault.Kind, Fault> faults = new EnumMap<>(Fault.Kind.class);
  private Set<ActorRef<Command>> bodies = Set.of();
  private Reading latest;
  private boolean sampling;
  private Duration next;

  public static Behavior<Command> create(Settings settings, Sensors sensors, PowerSupply power, Executor io) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new BladeBody(ctx, timers, settings, sensors, power, io)));
  }

  private BladeBody(ActorContext<Command> ctx, TimerScheduler<Command> timers, Settings settings, Sensors sensors,
      PowerSupply power, Executor io) {
    super(ctx);
    this.settings = settings;
    this.timers = timers;
    this.next = settings.interval();
    this.sensors = sensors;
    this.power = power;
    this.io = io;
    this.probe = new DiskProbe(settings.dataDir());
    this.disk = Disk.at(settings.dataDir());
    this.monitor = new HealthMonitor(settings.thresholds());
    this.board = new ReplicatedMap<>(ctx.getSystem(), HEALTH_MAP, Duration.ofSeconds(3));
    var receptionist = ctx.getSystem().receptionist();
    receptionist.tell(Receptionist.register(key(settings.blade()), ctx.getSelf()));
    receptionist.tell(Receptionist.register(ALL, ctx.getSelf()));
    receptionist.tell(Receptionist.subscribe(ALL, ctx.messageAdapter(Receptionist.Listing.class,
        l -> new Bodies(l.getServiceInstances(ALL)))));
    subscribeThresholds(ctx, settings.thresholds());
    ctx.getSelf().tell(Tick.INSTANCE);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void subscribeThresholds(ActorContext<Command> ctx, HealthMonitor.Thresholds configured) {
    var key = new ReplicatedMap<HealthMonitor.Thresholds>(ctx.getSystem(), THRESHOLDS_MAP, Duration.ofSeconds(3)).key();
    ActorRef adapter = ctx.messageAdapter(org.apache.pekko.cluster.ddata.typed.javadsl.Replicator.SubscribeResponse.class,
        r -> r instanceof org.apache.pekko.cluster.ddata.typed.javadsl.Replicator.Changed c
            ? new Retuned(((org.apache.pekko.cluster.ddata.LWWMap<String, HealthMonitor.Thresholds>) c.dataValue())
                .getEntries().getOrDefault(THRESHOLDS_ENTRY, configured))
            : new Retuned(configured));
    org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData.get(ctx.getSystem()).replicator()
        .tell(new org.apache.pekko.cluster.ddata.typed.javadsl.Replicator.Subscribe(key, adapter));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(Sampled.class, this::onSampled)
        .onMessage(GetReading.class, this::onGetReading)
        .onMessage(InjectFault.class, this::onInjectFault)
        .onMessage(ClearFaults.class, this::onClearFaults)
        .onMessage(CutCagePower.class, this::onCutCagePower)
        .onMessage(Bodies.class, this::onBodies)
        .onMessage(Retuned.class, m -> {
          monitor.retune(m.levels());
          return this;
        })
        .onMessageEquals(PowerGone.INSTANCE, this::onPowerGone)
        .build();
  }

  private Behavior<Command> onTick() {
    timers.startSingleTimer(Tick.INSTANCE, next); // from the start of this sample: one each interval
    if (sampling) {
      return this;
    }
    sampling = true;
    double rate = faultValue(Fault.Kind.DISK_ERRORS);
    long slow = (long) faultValue(Fault.Kind.SLOW_DISK);
    Double hot = faults.containsKey(Fault.Kind.TEMPERATURE) ? faultValue(Fault.Kind.TEMPERATURE) : null;
    Double busy = faults.containsKey(Fault.Kind.CPU_LOAD) ? faultValue(Fault.Kind.CPU_LOAD) : null;
    List<String> inForce = faultNames();
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> sample(rate, slow, hot, busy, inForce), io),
        Sampled::new);
    return this;
  }

  /** Blocking: reads the sensors and probes the disk. */
  private Reading sample(double rate, long slow, Double hot, Double busy, List<String> inForce) {
    Sensors.HostMetrics host = sensors.read();
    long probeMillis = probe.probe(rate, slow);
    Disk.Usage usage = disk.usage();
    Double temperature = hot != null ? hot : host.temperature();
    return new Reading(settings.blade(), settings.cage(), Clock.systemUTC().instant(),
        busy != null ? busy : host.cpuLoad(), host.memoryUsed(), host.memoryTotal(), usage.freeBytes(),
        usage.totalBytes(), host.diskReadBytes(), host.diskWriteBytes(), temperature, probeMillis, probe.errorRate(),
        inForce, null, null, host.swapUsed(), host.swapTotal(), host.netInBytes(), host.netOutBytes());
  }

  private Behavior<Command> onSampled(Sampled m) {
    sampling = false;
    if (m.error() != null) {
      getContext().getLog().warn("blade body of {} could not sample: {}", settings.blade(), m.error().toString());
      next = settings.interval();
    } else {
      Reading r = m.reading();
      HealthMonitor.Verdict v = monitor.judge(r.temperature(), r.diskErrorRate(), r.probeMillis());
      latest = r.judged(faultNames(), v.condition(), v.reasons());
      board.putLocal(settings.blade(), latest);
      boolean quiet = faults.isEmpty() && v.condition() == Reading.Condition.ok;
      Duration longer = next.multipliedBy(2);
      next = !quiet ? settings.interval() : longer.compareTo(settings.quietInterval()) < 0 ? longer
          : settings.quietInterval();
    }
    return this;
  }

  /** Samples now and at the interval from now on (a fault injected or cleared). */
  private void sampleSoon() {
    next = settings.interval();
    if (!sampling) {
      timers.cancel(Tick.INSTANCE);
      getContext().getSelf().tell(Tick.INSTANCE);
    }
  }

  private Behavior<Command> onGetReading(GetReading m) {
    m.replyTo().tell(state());
    return this;
  }

  private Behavior<Command> onInjectFault(InjectFault m) {
    Fault f = m.fault();
    getContext().getLog().warn("fault injected into {}: {}", settings.blade(), f);
    if (f.kind() == Fault.Kind.POWER_OFF) {
      m.replyTo().tell(state());
      getContext().scheduleOnce(Duration.ofMillis(200), getContext().getSelf(), PowerGone.INSTANCE);
      return this;
    }
    if (f.kind() == Fault.Kind.CAGE_POWER_OFF) {
      m.replyTo().tell(state());
      CutCagePower cut = new CutCagePower(settings.cage());
      bodies.stream().filter(b -> !b.equals(getContext().getSelf())).forEach(b -> b.tell(cut));
      getContext().scheduleOnce(Duration.ofMillis(300), getContext().getSelf(), PowerGone.INSTANCE);
      return this;
    }
    faults.put(f.kind(), f);
    sampleSoon();
    m.replyTo().tell(state());
    return this;
  }

  private Behavior<Command> onClearFaults(ClearFaults m) {
    faults.clear();
    probe.reset();
    sampleSoon();
    m.replyTo().tell(state());
    return this;
  }

  private Behavior<Command> onCutCagePower(CutCagePower m) {
    if (m.cage().equals(settings.cage())) {
      getContext().getLog().warn("cage {} lost power: {} dies", m.cage(), settings.blade());
      getContext().scheduleOnce(Duration.ofMillis(100), getContext().getSelf(), PowerGone.INSTANCE);
    }
    return this;
  }

  private Behavior<Command> onBodies(Bodies m) {
    bodies = m.all();
    return this;
  }

  private Behavior<Command> onPowerGone() {
    power.cut();
    return Behaviors.stopped();
  }
  private BodyState state() {
    return new BodyState(settings.blade(), settings.cage(), faultNames(), latest);
  }

  private double faultValue(Fault.Kind kind) {
    Fault f = faults.get(kind);
    return f == null ? 0 : f.value();
  }

  private List<String> faultNames() {
    List<String> out = new ArrayList<>();
    faults.values().forEach(f -> out.add(f.toString()));
    return out;
  }
}
