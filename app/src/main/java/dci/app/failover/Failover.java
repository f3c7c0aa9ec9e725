package dci.app.failover;

import dci.actors.directory.Directory;
import dci.hardware.ReplicatedMap;
import dci.hardware.body.BladeBody;
import dci.hardware.body.Reading;
import dci.hardware.port.PeripheralSwitch;
import dci.hardware.port.PortRoute;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.protocol.DciSerializable;
import dci.storage.backup.BackupConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Fail-over on one blade. Every blade runs one; the coordinator is whichever blade {@link
 * FailoverPlan#coordinator} names in its own view, so losing the coordinator's blade makes the
 * next one coordinator, and it carries on unfinished fail-overs from the replicated records.
 * The coordinator confirms suspicions (cluster reachability, a desk that cannot reach its
 * blade) with a {@link HealthProbe}, reads the health monitors' verdicts, chooses a spare and
 * a method, has the spare take over ({@link Takeover}) and switches the users' ports. On a
 * replacement, the same actor runs the takeover.
 */
public final class Failover extends AbstractBehavior<Failover.Command> {
  public interface Command {}

  /** {@code blade} may be lost: the coordinator checks. */
  public record Suspect(String blade, String why) implements Command, DciSerializable {}

  /** An operator asks for {@code blade} to be failed over now (it may still be alive: Fig. 6). */
  public record Trigger(String blade, String reason, ActorRef<Answer> replyTo) implements Command, DciSerializable {}

  /** To the replacement: take over {@code record}'s failed blade, then tell {@code coordinator}. */
  public record TakeOver(FailoverRecord record, ActorRef<Command> coordinator) implements Command, DciSerializable {}

  public record TakenOver(String id, boolean ok, String detail) implements Command, DciSerializable {}

  public record GetStatus(ActorRef<Status> replyTo) implements Command, DciSerializable {}

  public record Answer(boolean ok, String message, FailoverRecord record) implements DciSerializable {}

  public record Status(String blade, String coordinator, List<String> suspects, List<String> freeSpares,
      List<FailoverRecord> active) implements DciSerializable {}

  private enum Tick implements Command { INSTANCE }

  private record Seen(List<BladeInfo> blades, Map<String, FailoverRecord> records, Map<String, Reading> health,
      Map<String, String> spares, Throwable error) implements Command {}

  private record Probed(String blade, String lost, String why) implements Command {}

  private record Planned(String id, FailoverRecord record, Throwable error, ActorRef<Answer> replyTo) implements Command {}

  private record Stepped(FailoverRecord record, Throwable error) implements Command {}

  private record Switched(FailoverRecord record, String error) implements Command {}

  private record Restored(FailoverRecord record, String detail, Throwable error) implements Command {}

  private record Listing(Set<ActorRef<Command>> all) implements Command {}

  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "dci-failover");

  private final FailoverContext fx;
  private final FailoverJournal journal;
  private final HealthProbe probe;
  private final ReplicatedMap<Reading> health;
  private final Clock clock = Clock.systemUTC();
  private List<BladeInfo> blades = List.of();
  private Map<String, FailoverRecord> records = Map.of();
  private Map<String, Reading> readings = Map.of();
  private Map<String, String> spareMarks = Map.of();
  private Set<ActorRef<Command>> peers = Set.of();
  private final Set<String> suspects = new HashSet<>();
  private final Map<String, Long> probing = new HashMap<>();
  /** Fail-overs this blade is coordinating right now (ids). */
  private final Set<String> steering = new HashSet<>();
  /** Takeovers this blade runs or ran as replacement: id → coordinators waiting, and results. */
  private final Map<String, List<ActorRef<Command>>> takingOver = new HashMap<>();
  private final Map<String, TakenOver> tookOver = new HashMap<>();

  public static Behavior<Command> create(FailoverContext fx) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.INSTANCE, fx.settings().tick());
      return new Failover(ctx, fx);
    }));
  }

  private Failover(ActorContext<Command> ctx, FailoverContext fx) {
    super(ctx);
    this.fx = fx;
    this.journal = new FailoverJournal(ctx.getSystem(), fx.blade(), fx.log(), fx.settings().writeTimeout());
    this.probe = new HealthProbe(fx.settings().probeTimeout(), fx.dataDir());
    this.health = new ReplicatedMap<>(ctx.getSystem(), BladeBody.HEALTH_MAP, Duration.ofSeconds(3));
    ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
    ctx.getSystem().receptionist().tell(Receptionist.subscribe(KEY,
        ctx.messageAdapter(Receptionist.Listing.class, l -> new Listing(l.getServiceInstances(KEY)))));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(Seen.class, this::onSeen)
        .onMessage(Listing.class, this::onListing)
        .onMessage(Suspect.class, this::onSuspect)
        .onMessage(Probed.class, this::onProbed)
        .onMessage(Trigger.class, this::onTrigger)
        .onMessage(Planned.class, this::onPlanned)
        .onMessage(Stepped.class, this::onStepped)
        .onMessage(Switched.class, this::onSwitched)
        .onMessage(TakeOver.class, this::onTakeOver)
        .onMessage(Restored.class, this::onRestored)
        .onMessage(TakenOver.class, this::onTakenOver)
        .onMessage(GetStatus.class, this::onGetStatus)
        .build();
  }

  // ---- what this blade sees

  private Behavior<Command> onTick() {
    CompletionStage<Directory.Blades> dir = AskPattern.ask(fx.directory(), Directory.GetBlades::new,
        Duration.ofSeconds(3), getContext().getSystem().scheduler());
    CompletionStage<Seen> seen = dir.thenCombine(journal.records(), (d, r) -> new Object[] {d.blades(), r})
        .thenCombine(health.all(), (a, h) -> new Object[] {a[0], a[1], h})
        .thenCombine(journal.spareMarks(), (a, s) -> newSeen(a, s));
    getContext().pipeToSelf(seen, (s, err) -> err != null ? new Seen(null, null, null, null, err) : s);
    return this;
  }

  @SuppressWarnings("unchecked")
  private static Seen newSeen(Object[] a, Map<String, String> spares) {
    return new Seen((List<BladeInfo>) a[0], (Map<String, FailoverRecord>) a[1], (Map<String, Reading>) a[2], spares,
        null);
  }

  private Behavior<Command> onSeen(Seen m) {
    if (m.error() != null) {
      return this;
    }
    blades = m.blades();
    Map<String, FailoverRecord> merged = new HashMap<>(m.records());
    records.forEach((id, r) -> merged.merge(id, r, (theirs, mine) -> mine.steps().size() > theirs.steps().size() ? mine : theirs));
    records = merged;
    readings = m.health();
    spareMarks = m.spares();
    for (BladeInfo b : blades) {
      if (b.status() == BladeStatus.Up && suspects.remove(b.name())) {
        getContext().getLog().info("{} is reachable again", b.name());
      }
    }
    if (!isCoordinator()) {
      return this;
    }
    for (BladeInfo b : blades) {
      if (b.status() == BladeStatus.Unreachable && !suspects.contains(b.name())) {
        onSuspect(new Suspect(b.name(), "the cluster's failure detector marks it unreachable"));
      } else if ((b.status() == BladeStatus.Down || b.status() == BladeStatus.Removed) && !hasRecordSince(b, false)) {
        suspects.add(b.name());
        start(b.name(), "removed from the cluster (" + b.status() + ")", false, null);
      }
    }
    readings.values().stream().filter(r -> r.condition() == Reading.Condition.impending)
        .filter(r -> blades.stream().anyMatch(b -> b.name().equals(r.blade()) && b.status() == BladeStatus.Up
            && !hasRecordSince(b, true)))
        .forEach(r -> start(r.blade(), "impending failure: " + String.join("; ", r.reasons()), true, null));
    abandonLostReplacements();
    for (FailoverRecord r : records.values()) {
      if (!r.over() && !steering.contains(r.id()) && !alive(r.coordinator())) {
        getContext().getLog().warn("carrying on fail-over {} left by coordinator {}", r.id(), r.coordinator());
        steering.add(r.id());
        stepped(r.next(r.state(), fx.blade(), clock.instant(), fx.blade(),
            "coordinator " + r.coordinator() + " is gone: " + fx.blade() + " carries on"));
      }
    }
    return this;
  }

  private Behavior<Command> onListing(Listing m) {
    peers = m.all();
    return this;
  }

  private boolean isCoordinator() {
    return FailoverPlan.coordinator(blades, suspects).map(fx.blade()::equals).orElse(false);
  }

  private boolean alive(String blade) {
    return blade.equals(fx.blade()) || !suspects.contains(blade) && blades.stream()
        .anyMatch(b -> b.name().equals(blade) && b.status() == BladeStatus.Up);
  }

  /**
   * True when a fail-over of {@code b} began after it last came up and is under way, done, or
   * failed too recently to try again (see {@link FailoverSettings#retryAfter(int)}); with
   * {@code stillUp}, one that found no user to move counts as failed.
   */
  private boolean hasRecordSince(BladeInfo b, boolean stillUp) {
    List<FailoverRecord> since = records.values().stream().filter(r -> r.failed().equals(b.name())
        && (b.upSince() == null || r.started().isAfter(b.upSince()))).toList();
    // a blade still up that had no user when its fail-over ran may have been given one since:
    // that "nothing to move" counts like a failed attempt, tried again later
    if (since.stream().anyMatch(r -> !r.state().equals("failed") && !(stillUp && r.state().equals("done")
        && r.users().isEmpty()))) {
      return true;
    }
    Instant lastEnd = since.stream().map(r -> r.ended() == null ? r.started() : r.ended())
        .max(Instant::compareTo).orElse(null);
    return lastEnd != null && clock.instant().isBefore(lastEnd.plus(fx.settings().retryAfter(since.size())));
  }

  /** Confirmed lost: suspected after its probe, or no longer a member (not Up nor Unreachable). */
  private boolean lost(String blade) {
    return !blade.equals(fx.blade()) && (suspects.contains(blade) || blades.stream().noneMatch(b -> b.name().equals(blade)
        && (b.status() == BladeStatus.Up || b.status() == BladeStatus.Unreachable)));
  }

  /**
   * Fails the fail-overs this blade steers whose replacement was lost before it reported back,
   * giving the spare's mark back, so the failed blade is tried again with another spare.
   */
  private void abandonLostReplacements() {
    for (FailoverRecord r : records.values()) {
      if (!r.over() && steering.contains(r.id()) && r.replacement() != null
          && (r.state().equals("copying") || r.state().equals("restoring")) && lost(r.replacement())) {
        getContext().getLog().warn("fail-over {}: the replacement {} was lost", r.id(), r.replacement());
        journal.markSpare(r.replacement(), "added");
        stepped(r.next("failed", fx.blade(), clock.instant(), fx.blade(), "the replacement " + r.replacement()
            + " was lost before it took over: " + r.failed() + " is tried again with another spare"));
      }
    }
  }

  // ---- suspicion and confirmation

  private Behavior<Command> onSuspect(Suspect m) {
    if (suspects.contains(m.blade()) || m.blade().equals(fx.blade())) {
      return this;
    }
    if (!isCoordinator()) {
      FailoverPlan.coordinator(blades, suspects).flatMap(this::failoverOf).ifPresent(c -> c.tell(m));
      return this;
    }
    Long last = probing.get(m.blade());
    if (last != null && System.nanoTime() - last < fx.settings().probeTimeout().toNanos() * 2) {
      return this;
    }
    String api = blades.stream().filter(b -> b.name().equals(m.blade())).map(BladeInfo::api)
        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    if (api == null) {
      // a blade still starting has not published its API: no second opinion, so the resolver decides
      getContext().getLog().info("{} is suspected ({}) but its API is not known yet: left to the resolver", m.blade(),
          m.why());
      return this;
    }
    probing.put(m.blade(), System.nanoTime());
    getContext().pipeToSelf(probe.lost(api), (lost, err) -> new Probed(m.blade(), err != null ? err.toString() : lost, m.why()));
    return this;
  }

  private Behavior<Command> onProbed(Probed m) {
    if (m.lost() == null) {
      getContext().getLog().info("{} is suspected ({}) but its health probe does not confirm it lost (it answers, or "
          + "its port is still open): left to the resolver", m.blade(), m.why());
      return this;
    }
    suspects.add(m.blade());
    fx.downing().accept(blades.stream().filter(b -> b.name().equals(m.blade())).findFirst().orElse(null));
    start(m.blade(), m.why() + "; confirmed: " + m.lost(), false, null);
    return this;
  }

  private Behavior<Command> onTrigger(Trigger m) {
    if (!isCoordinator()) {
      var c = FailoverPlan.coordinator(blades, suspects).flatMap(this::failoverOf);
      if (c.isPresent()) {
        c.get().tell(m);
      } else {
        m.replyTo().tell(new Answer(false, "no coordinator is reachable", null));
      }
      return this;
    }
    boolean up = blades.stream().anyMatch(b -> b.name().equals(m.blade()) && b.status() == BladeStatus.Up);
    if (!up && blades.stream().noneMatch(b -> b.name().equals(m.blade()))) {
      m.replyTo().tell(new Answer(false, "no blade " + m.blade() + " in the cluster", null));
      return this;
    }
    start(m.blade(), "triggered by an operator" + (m.reason() == null ? "" : ": " + m.reason()), up, m.replyTo());
    return this;
  }

  // ---- the coordinator's steps

  private void start(String failed, String cause, boolean readable, ActorRef<Answer> replyTo) {
    FailoverRecord open = records.values().stream().filter(r -> r.failed().equals(failed) && !r.over())
        .findFirst().orElse(null);
    if (open != null || steering.stream().anyMatch(id -> id.startsWith(failed + "@"))) {
      if (replyTo != null) {
        replyTo.tell(new Answer(false, "a fail-over of " + failed + " is under way", open));
      }
      return;
    }
    Instant now = clock.instant();
    String id = failed + "@" + now.toEpochMilli();
    steering.add(id);
    List<BladeInfo> view = blades;
    Set<String> suspected = Set.copyOf(suspects);
    Map<String, Reading> healthNow = readings;
    Map<String, String> marks = spareMarks;
    CompletionStage<PeripheralSwitch.Table> ports = AskPattern.ask(fx.portSwitch(), PeripheralSwitch.ListPorts::new,
        Duration.ofSeconds(3), getContext().getSystem().scheduler());
    CompletionStage<FailoverRecord> plan = ports.thenCombine(fx.backupConfigs().get(), (table, configs) ->
        FailoverSteps.plan(id, failed, cause, readable, now, fx.blade(), view, suspected, healthNow, marks,
            table.routes(), configs.getOrDefault(failed, BackupConfig.DEFAULT), fx.settings().methodOf(failed)));
    getContext().pipeToSelf(plan, (r, err) -> new Planned(id, r, err, replyTo));
  }

  private Behavior<Command> onPlanned(Planned m) {
    if (m.error() != null) {
      getContext().getLog().error("fail-over could not be planned: {}", m.error().toString());
      steering.remove(m.id());
      if (m.replyTo() != null) {
        m.replyTo().tell(new Answer(false, "fail-over could not be planned: " + m.error().getMessage(), null));
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
      m.replyTo().tell(new Answer(!r.state().equals("failed"), r.steps().get(r.steps().size() - 1).what(), r));
    }
    stepped(r);
    return this;
  }

  /** Stores the record, then takes its next step. */
  private void stepped(FailoverRecord r) {
    FailoverRecord before = records.get(r.id());
    records = with(records, r);
    getContext().pipeToSelf(journal.store(before, r), (x, err) -> new Stepped(r, err));
  }

  private Behavior<Command> onStepped(Stepped m) {
    FailoverRecord r = m.record();
    if (m.error() != null) {
      getContext().getLog().warn("fail-over {} step not stored on a majority: {}", r.id(), m.error().getMessage());
    }
    switch (r.state()) {
      case "copying", "restoring" -> takeOver(r);
      case "switching" -> switchPorts(r);
      default -> steering.remove(r.id());
    }
    return this;
  }

  private void takeOver(FailoverRecord r) {
    failoverOf(r.replacement()).ifPresentOrElse(
        f -> f.tell(new TakeOver(r, getContext().getSelf())),
        () -> stepped(r.next("failed", fx.blade(), clock.instant(), fx.blade(),
            "the replacement " + r.replacement() + " cannot be reached")));
  }

  private void switchPorts(FailoverRecord r) {
    List<CompletableFuture<PeripheralSwitch.Routed>> all = new ArrayList<>();
    for (String user : r.users()) {
      all.add(AskPattern.<PeripheralSwitch.Command, PeripheralSwitch.Routed>ask(fx.portSwitch(),
          rt -> new PeripheralSwitch.Assign(user, r.replacement(), r.id(), rt), fx.settings().writeTimeout().plusSeconds(3),
          getContext().getSystem().scheduler()).toCompletableFuture());
    }
    getContext().pipeToSelf(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)), (x, err) -> {
      String error = err != null ? err.toString() : all.stream().map(CompletableFuture::join)
          .map(PeripheralSwitch.Routed::error).filter(java.util.Objects::nonNull).findFirst().orElse(null);
      return new Switched(r, error);
    });
  }

  private Behavior<Command> onSwitched(Switched m) {
    FailoverRecord r = m.record();
    Instant now = clock.instant();
    if (m.error() != null) {
      stepped(r.next("failed", fx.blade(), now, fx.blade(), "switching the ports failed: " + m.error()));
    } else if (r.method() == FailoverMethod.from_backup && !r.steps().stream().anyMatch(s -> s.what().startsWith("restored"))) {
      stepped(r.next("restoring", fx.blade(), now, fx.blade(), "switched " + portsOf(r) + " to " + r.replacement()
          + "; restoring the latest backup in the background"));
    } else {
      stepped(r.next("done", fx.blade(), now, fx.blade(), "switched " + portsOf(r) + " to " + r.replacement()));
    }
    return this;
  }

  private Behavior<Command> onTakenOver(TakenOver m) {
    FailoverRecord r = records.get(m.id());
    if (r == null || r.over() || !(r.state().equals("copying") || r.state().equals("restoring"))) {
      return this;
    }
    Instant now = clock.instant();
    String what = (m.ok() ? "" : "restore failed: ") + m.detail();
    if (r.state().equals("restoring")) {
      stepped(r.next(m.ok() ? "done" : "failed", fx.blade(), now, r.replacement(), what));
    } else {
      stepped(r.next("switching", fx.blade(), now, r.replacement(), what));
    }
    return this;
  }

  // ---- the replacement's part

  private Behavior<Command> onTakeOver(TakeOver m) {
    String id = m.record().id();
    if (tookOver.containsKey(id)) {
      m.coordinator().tell(tookOver.get(id));
      return this;
    }
    boolean running = takingOver.containsKey(id);
    takingOver.computeIfAbsent(id, k -> new ArrayList<>()).add(m.coordinator());
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

  private Behavior<Command> onGetStatus(GetStatus m) {
    m.replyTo().tell(new Status(fx.blade(), FailoverPlan.coordinator(blades, suspects).orElse(null),
        List.copyOf(new java.util.TreeSet<>(suspects)),
        FailoverPlan.freeSpares(blades, spareMarks, suspects).stream().map(BladeInfo::name).toList(),
        records.values().stream().filter(r -> !r.over()).toList()));
    return this;
  }

  // ---- helpers

  private java.util.Optional<ActorRef<Command>> failoverOf(String blade) {
    if (blade.equals(fx.blade())) {
      return java.util.Optional.of(getContext().getSelf());
    }
    String address = blades.stream().filter(b -> b.name().equals(blade)).map(BladeInfo::address)
        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    if (address == null) {
      return java.util.Optional.empty();
    }
    return peers.stream().filter(p -> p.path().address().hostPort().endsWith("@" + address)).findFirst();
  }

  private static String portsOf(FailoverRecord r) {
    return r.users().isEmpty() ? "no ports" : "the ports of " + String.join(", ", r.users());
  }

  private static Map<String, FailoverRecord> with(Map<String, FailoverRecord> m, FailoverRecord r) {
    Map<String, FailoverRecord> out = new HashMap<>(m);
    out.put(r.id(), r);
    return out;
  }
}
