package dci.actors.log;

import dci.protocol.DciSerializable;
import dci.protocol.envelope.Envelope;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The blade's message log: every envelope the blade sends, receives, relays or expires, as
 * an event-sourced journal (JDBC; H2 under the blade's data directory by default). The state
 * is only the last sequence number: queries read the journal through Persistence Query, so
 * the log can grow far beyond memory and survives restarts.
 */
public final class MessageLog extends EventSourcedBehavior<MessageLog.Command, MessageLog.Logged, MessageLog.State> {

  /** Messages the log understands. */
  public interface Command {}

  /** Journals one envelope (fire and forget: the router never waits on the log). */
  public record Append(Direction direction, Envelope envelope, String note) implements Command {}

  /** Answers the entries matching a query, sorted by time. */
  public record Query(LogQuery query, ActorRef<Entries> replyTo) implements Command {}

  /** Answer to {@link Query}. */
  public record Entries(List<LogEntry> entries) {}

  /** The event: one logged line. */
  public record Logged(LogEntry entry) implements DciSerializable {}

  /** The state: the last sequence number used. */
  public record State(long lastSeq) implements DciSerializable {}

  private record SchemaReady(Throwable failure) implements Command {}

  private final String blade;
  private final ActorContext<Command> context;
  private final LogReader reader;
  private final Clock clock = Clock.systemUTC();
  private final int snapshotEvery;

  private MessageLog(ActorContext<Command> context, String blade, int snapshotEvery) {
    super(PersistenceId.ofUniqueId(persistenceId(blade)),
        SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
    this.context = context;
    this.blade = blade;
    this.snapshotEvery = snapshotEvery;
    this.reader = new LogReader(context.getSystem(), persistenceId(blade));
  }

  static String persistenceId(String blade) {
    return "dci-log|" + blade;
  }

  /**
   * The log of blade {@code blade}. Creates the journal schema first (if missing), holding
   * appends until it exists; {@code enabled=false} keeps nothing (for benchmarks).
   */
  public static Behavior<Command> create(String blade, boolean enabled) {
    return create(blade, enabled, 1000);
  }

  public static Behavior<Command> create(String blade, boolean enabled, int snapshotEvery) {
    if (!enabled) {
      return disabled();
    }
    return Behaviors.setup(context -> Behaviors.withStash(10_000, stash -> {
      context.pipeToSelf(SchemaUtils.createIfNotExists(context.getSystem()), (Done d, Throwable t) -> new SchemaReady(t));
      return Behaviors.receive(Command.class)
          .onMessage(SchemaReady.class, ready -> {
            if (ready.failure() != null) {
              context.getLog().error("message log unavailable: cannot create the journal schema: {}",
                  ready.failure().getMessage());
              return stash.unstashAll(disabled());
            }
            return stash.unstashAll(new MessageLog(context, blade, snapshotEvery));
          })
          .onAnyMessage(m -> {
            if (!stash.isFull()) {
              stash.stash(m);
            }
            return Behaviors.same();
          })
          .build();
    }));
  }

  private static Behavior<Command> disabled() {
    return Behaviors.receive(Command.class)
        .onMessage(Query.class, q -> {
          q.replyTo().tell(new Entries(List.of()));
          return Behaviors.same();
        })
        .onAnyMessage(m -> Behaviors.same())
        .build();
  }

  @Override
  public State emptyState() {
    return new State(0);
  }

  @Override
  public CommandHandler<Command, Logged, State> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Append.class, (state, a) -> Effect().persist(new Logged(
            new LogEntry(state.lastSeq() + 1, clock.instant(), blade, a.direction(), a.envelope(), a.note()))))
        .onCommand(Query.class, q -> Effect().none().thenRun(s -> reader.query(q.query()).whenComplete((list, t) -> {
          if (t != null) {
            context.getLog().warn("log query failed: {}", t.getMessage());
          }
          q.replyTo().tell(new Entries(t == null ? list : List.of()));
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
