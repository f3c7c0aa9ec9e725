package dci.actors.log;

import dci.protocol.DciSerializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The event-sourced half of the message log: persists batches of lines, numbering them.
 * Its state is only the last sequence number; queries read the journal (see {@link LogReader}).
 */
final class LogJournal extends EventSourcedBehavior<LogJournal.Command, LogJournal.Logged, LogJournal.State> {
  interface Command {}

  /** Persists these lines, in order, as one atomic write; then tells {@code done}. */
  record AppendAll(List<MessageLog.Append> lines, List<java.time.Instant> at, ActorRef<Persisted> done)
      implements Command {}

  /** Answer to {@link AppendAll}. */
  record Persisted(int count) {}

  record Query(LogQuery query, ActorRef<MessageLog.Entries> replyTo) implements Command {}

  /** The event: one logged line. */
  public record Logged(LogEntry entry) implements DciSerializable {}

  /** The state: the last sequence number used. */
  public record State(long lastSeq) implements DciSerializable {}

  private final String blade;
  private final ActorContext<Command> context;
  private final LogReader reader;
  private final int snapshotEvery;

  LogJournal(ActorContext<Command> context, String blade, int snapshotEvery) {
    super(PersistenceId.ofUniqueId(MessageLog.persistenceId(blade)),
        SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
    this.context = context;
    this.blade = blade;
    this.snapshotEvery = snapshotEvery;
    this.reader = new LogReader(context.getSystem(), MessageLog.persistenceId(blade));
  }

  @Override
  public State emptyState() {
    return new State(0);
  }

  @Override
  public CommandHandler<Command, Logged, State> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(AppendAll.class, (state, a) -> {
          List<Logged> events = new ArrayList<>(a.lines().size());
          long seq = state.lastSeq();
          for (int i = 0; i < a.lines().size(); i++) {
            MessageLog.Append line = a.lines().get(i);
            events.add(new Logged(new LogEntry(++seq, a.at().get(i), blade, line.direction(), line.envelope(),
                line.note())));
          }
          return Effect().persist(events).thenRun(s -> a.done().tell(new Persisted(events.size())));
        })
        .onCommand(Query.class, q -> Effect().none().thenRun(s -> reader.query(q.query()).whenComplete((list, t) -> {
          if (t != null) {
            context.getLog().warn("log query failed: {}", t.getMessage());
          }
          q.replyTo().tell(new MessageLog.Entries(t == null ? list : List.of()));
        })))
        .build();
  }

  @Override
  public EventHandler<State, Logged> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(Logged.class, (state, e) -> new State(e.entry().seq()))
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(snapshotEvery, 2);
  }
}
