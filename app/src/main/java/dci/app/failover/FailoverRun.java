package dci.app.failover;

import dci.hardware.port.PeripheralSwitch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * One fail-over steered by the coordinator, a child of it: stores each step of the record on
 * a majority (and in the message log), has the replacement take over ({@link Failover.TakeOver})
 * and switches the users' ports, until the record is done or failed. Every stored step goes to
 * the coordinator ({@link Coordinator.Progress}), which stops the run once it is over. A run
 * lost with its coordinator leaves the record unfinished: the next coordinator starts a new one
 * from the record's state.
 */
final class FailoverRun extends AbstractBehavior<FailoverRun.Command> {
  interface Command {}

  /** From the coordinator: the replacement was lost before it reported back. */
  enum ReplacementLost implements Command { INSTANCE }

  private record Stepped(FailoverRecord record, Throwable error) implements Command {}

  private record Found(FailoverRecord record, Receptionist.Listing listing) implements Command {}

  private record Switched(FailoverRecord record, String error) implements Command {}

  private final FailoverContext fx;
  private final FailoverJournal journal;
  private final ActorRef<Coordinator.Command> coordinator;
  private final Clock clock = Clock.systemUTC();
  /** The record as last stored. */
  private FailoverRecord record;

  /** Steers {@code first}: stores it (after {@code before}, its last stored version, or null), then goes on. */
  static Behavior<Command> create(FailoverContext fx, FailoverJournal journal, FailoverRecord before,
      FailoverRecord first, ActorRef<Coordinator.Command> coordinator) {
    return Behaviors.setup(ctx -> {
      FailoverRun run = new FailoverRun(ctx, fx, journal, coordinator, before);
      run.store(first);
      return run;
    });
  }

  private FailoverRun(ActorContext<Command> ctx, FailoverContext fx, FailoverJournal journal,
      ActorRef<Coordinator.Command> coordinator, FailoverRecord before) {
    super(ctx);
    this.fx = fx;
    this.journal = journal;
    this.coordinator = coordinator;
    this.record = before;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Stepped.class, this::onStepped)
        .onMessage(Found.class, this::onFound)
        .onMessage(Failover.TakenOver.class, this::onTakenOver)
        .onMessage(Switched.class, this::onSwitched)
        .onMessageEquals(ReplacementLost.INSTANCE, this::onReplacementLost)
        .build();
  }

  /** Stores the record's new state, then takes its next step. */
  private void store(FailoverRecord r) {
    FailoverRecord before = record;
    record = r;
    coordinator.tell(new Coordinator.Progress(r));
    getContext().pipeToSelf(journal.store(before, r), (x, err) -> new Stepped(r, err));
  }

  private void step(String state, String blade, String what) {
    store(record.next(state, fx.blade(), clock.instant(), blade, what));
  }

  private Behavior<Command> onStepped(Stepped m) {
    FailoverRecord r = m.record();
    if (m.error() != null) {
      getContext().getLog().warn("fail-over {} step not stored on a majority: {}", r.id(), m.error().getMessage());
    }
    if (r != record) {
      return this; // a later step was taken meanwhile (the replacement was lost)
    }
    switch (r.state()) {
      case "copying", "restoring" -> getContext().ask(Receptionist.Listing.class, getContext().getSystem().receptionist(),
          Duration.ofSeconds(3), rt -> Receptionist.find(Failover.keyOf(r.replacement()), rt),
          (listing, err) -> new Found(r, listing));
      case "switching" -> switchPorts(r);
      default -> { } // over: the coordinator stops this run
    }
    return this;
  }

  private Behavior<Command> onFound(Found m) {
    if (m.record() != record) {
      return this;
    }
    var agents = m.listing() == null ? java.util.Set.<ActorRef<Failover.Command>>of()
        : m.listing().getServiceInstances(Failover.keyOf(m.record().replacement()));
    if (agents.isEmpty()) {
      step("failed", fx.blade(), "the replacement " + record.replacement() + " cannot be reached");
    } else {
      agents.iterator().next().tell(new Failover.TakeOver(record, getContext().getSelf()));
    }
    return this;
  }

  private Behavior<Command> onTakenOver(Failover.TakenOver m) {
    if (!m.id().equals(record.id()) || !(record.state().equals("copying") || record.state().equals("restoring"))) {
      return this;
    }
    String what = (m.ok() ? "" : "restore failed: ") + m.detail();
    step(record.state().equals("restoring") ? (m.ok() ? "done" : "failed") : "switching", record.replacement(), what);
    return this;
  }

  private Behavior<Command> onReplacementLost() {
    if (record.state().equals("copying") || record.state().equals("restoring")) {
      getContext().getLog().warn("fail-over {}: the replacement {} was lost", record.id(), record.replacement());
      journal.markSpare(record.replacement(), "added");
      step("failed", fx.blade(), "the replacement " + record.replacement() + " was lost before it took over: "
          + record.failed() + " is tried again with another spare");
    }
    return this;
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
          .map(PeripheralSwitch.Routed::error).filter(Objects::nonNull).findFirst().orElse(null);
      return new Switched(r, error);
    });
  }

  private Behavior<Command> onSwitched(Switched m) {
    FailoverRecord r = m.record();
    if (r != record) {
      return this;
    }
    Instant now = clock.instant();
    String ports = r.users().isEmpty() ? "no ports" : "the ports of " + String.join(", ", r.users());
    if (m.error() != null) {
      store(r.next("failed", fx.blade(), now, fx.blade(), "switching the ports failed: " + m.error()));
    } else if (r.method() == FailoverMethod.from_backup && r.steps().stream().noneMatch(s -> s.what().startsWith("restored"))) {
      store(r.next("restoring", fx.blade(), now, fx.blade(), "switched " + ports + " to " + r.replacement()
          + "; restoring the latest backup in the background"));
    } else {
      store(r.next("done", fx.blade(), now, fx.blade(), "switched " + ports + " to " + r.replacement()));
    }
    return this;
  }
}
