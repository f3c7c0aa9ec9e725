package dci.actors.log;

import dci.actors.log.MessageLog.Command;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The event-sourced journal of one blade's lines: each {@link MessageLog.Write} becomes one
 * {@link Logged} event, handed once persisted to the read side's {@link LogIndexer}; a read is
 * passed to the indexer with where the log ends now, to be answered once the read side holds
 * that far. A persist failure restarts it with backoff (the indexer, its child, stays).
 */
final class LogJournal extends EventSourcedBehavior<Command, Logged, LogState> {
  private final ActorContext<Command> context;
  private final String blade;
  private final int snapshotEvery;
  private final ActorRef<LogIndexer.Command> indexer;
  private final Clock clock = Clock.systemUTC();

  LogJournal(ActorContext<Command> context, String blade, LogSettings s, ActorRef<LogIndexer.Command> indexer) {
    super(PersistenceId.ofUniqueId(MessageLog.persistenceId(blade)),
        SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2)
            .withStopChildren(false));
    this.context = context;
    this.blade = blade;
    this.snapshotEvery = s.snapshotEvery();
    this.indexer = indexer;
  }

  @Override
  public LogState emptyState() {
    return LogState.EMPTY;
  }

  @Override
  public CommandHandler<Command, Logged, LogState> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(MessageLog.Write.class, (state, w) -> {
          List<LogEntry> lines = new ArrayList<>(w.lines().size());
          long seq = state.lastSeq();
          for (MessageLog.Line line : w.lines()) {
            lines.add(entry(++seq, line.at(), line.append()));
          }
          return Effect().persist(new Logged(lines)).thenRun(s -> {
            indexer.tell(new LogIndexer.Journaled(lastSequenceNumber(context), lines));
            w.reads().forEach(r -> read(s, r));
            context.getSelf().tell(MessageLog.Ready.INSTANCE);
          });
        })
        // not sent here by MessageLog.create (the batcher turns appends into writes); kept for completeness
        .onCommand(MessageLog.Append.class, (state, a) -> {
          List<LogEntry> lines = List.of(entry(state.lastSeq() + 1, clock.instant(), a));
          return Effect().persist(new Logged(lines))
              .thenRun(s -> indexer.tell(new LogIndexer.Journaled(lastSequenceNumber(context), lines)));
        })
        .onCommand(MessageLog.Read.class, (state, r) -> Effect().none().thenRun(s -> read(s, r)))
        .onAnyCommand(() -> Effect().none());
  }

  private LogEntry entry(long seq, Instant at, MessageLog.Append a) {
    return new LogEntry(seq, at, blade, a.direction(), a.envelope(), a.note());
  }

  /** Passes {@code r} to the read side with where the log ends as of {@code state}. */
  private void read(LogState state, MessageLog.Read r) {
    indexer.tell(new LogIndexer.Await(new LogPosition(state.lastSeq(), lastSequenceNumber(context)), r));
  }

  @Override
  public EventHandler<LogState, Logged> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(Logged.class, (state, e) -> {
          LogState next = state;
          for (LogEntry entry : e.entries()) {
            next = next.plus(entry);
          }
          return next;
        })
        .build();
  }

  @Override
  public SignalHandler<LogState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> context.getSelf().tell(MessageLog.Ready.INSTANCE))
        .onSignal(RecoveryFailed.class, (state, f) ->
            context.getLog().error("message log of {} failed to recover (retrying): {}", blade,
                f.getFailure().toString()))
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(snapshotEvery, 2);
  }
}
