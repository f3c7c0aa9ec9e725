package dci.app.moves;

import dci.protocol.DciSerializable;
import dci.protocol.moves.MoveView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The moves a blade coordinates, event sourced on the blade's journal (persistence id
 * {@code dci-moves|BLADE}): a move is {@link Planned}, then each step is {@link Stepped}. After
 * a restart the book tells its blade's agent which moves were running, so they resume.
 */
final class MoveBook extends EventSourcedBehavior<MoveBook.Command, MoveBook.Event, MoveBook.State> {
  interface Command {}

  record Plan(MoveView move, ActorRef<MoveView> replyTo) implements Command {}

  /** A step of move {@code id}: its new state, what was done, and the mark it passed (or null). */
  record Step(String id, String state, MoveView.Step step, String mark, ActorRef<MoveView> replyTo) implements Command {}

  record Get(String id, ActorRef<Found> replyTo) implements Command {}

  record All(ActorRef<Listing> replyTo) implements Command {}

  /** The move asked for, null when this blade has none of that id. */
  record Found(MoveView move) implements DciSerializable {}

  record Listing(List<MoveView> moves) implements DciSerializable {}

  interface Event extends DciSerializable {}

  record Planned(MoveView move) implements Event {}

  record Stepped(String id, String state, MoveView.Step step, String mark) implements Event {}

  /** Every move of the blade by id. */
  record State(Map<String, MoveView> moves) {}

  private final ActorRef<Moves.Command> agent;

  static Behavior<Command> create(String blade, ActorRef<Moves.Command> agent) {
    return Behaviors.setup(ctx -> new MoveBook(blade, agent));
  }

  private MoveBook(String blade, ActorRef<Moves.Command> agent) {
    super(PersistenceId.ofUniqueId("dci-moves|" + blade),
        SupervisorStrategy.restartWithBackoff(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30), 0.2));
    this.agent = agent;
  }

  @Override
  public State emptyState() {
    return new State(Map.of());
  }

  @Override
  public CommandHandler<Command, Event, State> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Plan.class, (s, c) -> Effect().persist(new Planned(c.move()))
            .thenReply(c.replyTo(), n -> n.moves().get(c.move().id())))
        .onCommand(Step.class, (s, c) -> s.moves().containsKey(c.id())
            ? Effect().persist(new Stepped(c.id(), c.state(), c.step(), c.mark()))
                .thenReply(c.replyTo(), n -> n.moves().get(c.id()))
            : Effect().none().thenReply(c.replyTo(), n -> null))
        .onCommand(Get.class, (s, c) -> Effect().none().thenReply(c.replyTo(), n -> new Found(n.moves().get(c.id()))))
        .onCommand(All.class, (s, c) -> Effect().none().thenReply(c.replyTo(), n -> new Listing(
            n.moves().values().stream().sorted(Comparator.comparing(MoveView::created).reversed()).toList())))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(Planned.class, (s, e) -> with(s, e.move()))
        .onEvent(Stepped.class, (s, e) -> with(s, stepped(s.moves().get(e.id()), e)))
        .build();
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), s -> agent.tell(new Moves.Recovered(
            s.moves().values().stream().filter(m -> m.state().equals("running")).toList())))
        .build();
  }

  private static State with(State s, MoveView m) {
    Map<String, MoveView> next = new HashMap<>(s.moves());
    next.put(m.id(), m);
    return new State(Map.copyOf(next));
  }

  /** The move after step {@code e} (pure). */
  static MoveView stepped(MoveView m, Stepped e) {
    List<MoveView.Step> steps = new ArrayList<>(m.steps());
    if (e.step() != null) {
      steps.add(e.step());
    }
    List<String> marks = new ArrayList<>(m.marks());
    if (e.mark() != null && !marks.contains(e.mark())) {
      marks.add(e.mark());
    }
    Instant ended = m.ended();
    MoveView probe = new MoveView(m.id(), m.kind(), m.pairs(), m.at(), m.window(), m.pre(), m.post(), m.limit(),
        e.state(), m.coordinator(), m.created(), null, List.copyOf(marks), List.copyOf(steps));
    if (probe.over() && ended == null) {
      ended = e.step() != null ? e.step().at() : m.created();
    }
    return new MoveView(m.id(), m.kind(), m.pairs(), m.at(), m.window(), m.pre(), m.post(), m.limit(), e.state(),
        m.coordinator(), m.created(), probe.over() ? ended : null, List.copyOf(marks), List.copyOf(steps));
  }
}
