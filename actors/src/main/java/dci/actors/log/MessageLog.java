package dci.actors.log;

import com.typesafe.config.Config;
import dci.protocol.envelope.Envelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The blade's message log: every envelope the blade sends, receives, relays, expires or cannot
 * deliver, as an event-sourced journal (Pekko Persistence JDBC; an H2 file under the blade's
 * data directory by default, see {@code config/dci-defaults.conf}). Persistence id
 * {@code dci-log|<blade>}; one {@link Logged} event per write (a batch of lines); the state ({@link LogState}) is
 * only the last sequence number and counts per direction, snapshotted every
 * {@code dci.log.snapshot-every} writes (two kept). Queries read the journal through
 * Persistence Query, so the log grows far beyond memory and survives restarts.
 *
 * <p>On start the journal schema is created if missing, then the event-sourced behavior
 * recovers; queries wait meanwhile. Appends are fire and forget (the router never waits on
 * the log): lines arriving while a write is in flight are gathered and persisted together in
 * the next write (at most {@code dci.log.max-batch}), so a burst is neither slowed to one
 * database round trip per line nor dropped by the persistent actor's bounded stash. A query
 * sees every line that reached the log before it (it waits for their write). Beyond
 * {@code dci.log.buffer-limit} waiting lines (the journal far behind, or down) lines are
 * dropped with a warning. If the schema cannot be created the log keeps nothing and answers
 * every query with no entries.
 */
public final class MessageLog {
  private MessageLog() {}

  /** Messages the log understands. */
  public interface Command {}

  /** Journals one envelope (fire and forget: the router never waits on the log). */
  public record Append(Direction direction, Envelope envelope, String note) implements Command {}

  /**
   * A read of the log: it waits for the lines that reached the log before it to be written, so
   * it sees them all; a log with no journal answers it with {@link #answerNothing}.
   */
  public interface Read extends Command {
    /** Answers as a log with no lines would. */
    void answerNothing();
  }

  /** Answers the entries matching a query (at most a page: see {@link LogQuery}), oldest first. */
  public record Query(LogQuery query, ActorRef<Entries> replyTo) implements Read {
    @Override
    public void answerNothing() {
      replyTo.tell(new Entries(List.of()));
    }
  }

  /** Answer to {@link Query}. */
  public record Entries(List<LogEntry> entries) {}

  /**
   * Answers where the log ends now, every line that reached it before included: a
   * {@link LogReader} reads up to there (pages and exports streamed outside the actor).
   */
  public record Position(ActorRef<LogPosition> replyTo) implements Read {
    @Override
    public void answerNothing() {
      replyTo.tell(LogPosition.NONE);
    }
  }

  /** A line waiting to be written, stamped with when it reached the log. */
  record Line(Append append, Instant at) {}

  /**
   * From the {@link AppendBatcher} to the journal: persist these lines, in order, in one write;
   * then answer these reads (they arrived after some of the lines).
   */
  record Write(List<Line> lines, List<Read> reads) implements Command {}

  /** From the journal to the {@link AppendBatcher}: recovered, or the last write is done. */
  enum Ready implements Command {
    INSTANCE
  }

  /** To the {@link AppendBatcher}: there is no journal (schema creation failed); drop lines. */
  enum Unavailable implements Command {
    INSTANCE
  }

  private record SchemaReady(Throwable failure) implements Command {}

  private record Answer(List<LogEntry> entries, Throwable failure, ActorRef<Entries> replyTo) implements Command {}

  /** Queries held while the schema is being created; more are answered with no entries. */
  private static final int QUERY_STASH = 1000;

  /**
   * Tunables, from {@code dci.log}.
   *
   * @param snapshotEvery a snapshot every this many writes
   * @param maxBatch at most this many lines per write
   * @param bufferLimit at most this many lines waiting for a write; more are dropped
   * @param readChunk journal events read per query when reading the log
   */
  record Settings(int snapshotEvery, int maxBatch, int bufferLimit, int readChunk) {
    Settings {
      if (snapshotEvery < 1 || maxBatch < 1 || bufferLimit < 1 || readChunk < 1) {
        throw new IllegalArgumentException(
            "dci.log.snapshot-every, max-batch, buffer-limit and read-chunk must be >= 1");
      }
    }

    static Settings from(Config c) {
      return new Settings(intOr(c, "dci.log.snapshot-every", 1000), intOr(c, "dci.log.max-batch", 1000),
          intOr(c, "dci.log.buffer-limit", 100_000), intOr(c, "dci.log.read-chunk", 16));
    }

    private static int intOr(Config c, String path, int fallback) {
      return c.hasPath(path) ? c.getInt(path) : fallback;
    }
  }

  /** The journal's persistence id for blade {@code blade}. */
  static String persistenceId(String blade) {
    return "dci-log|" + blade;
  }

  /**
   * The log of blade {@code blade}; {@code enabled=false} keeps nothing (for benchmarks) and
   * answers every query with no entries.
   */
  public static Behavior<Command> create(String blade, boolean enabled) {
    if (!enabled) {
      return unavailable();
    }
    return Behaviors.setup(context -> {
      Settings s = Settings.from(context.getSystem().settings().config());
      return Behaviors.intercept(() -> new AppendBatcher(s.maxBatch(), s.bufferLimit(), Clock.systemUTC()),
          withSchema(blade, s));
    });
  }

  /** Creates the journal schema if missing, holding queries; then becomes the journal. */
  private static Behavior<Command> withSchema(String blade, Settings s) {
    return Behaviors.setup(context -> Behaviors.withStash(QUERY_STASH, stash -> {
      context.pipeToSelf(createSchema(context.getSystem()), (Done d, Throwable t) -> new SchemaReady(t));
      return Behaviors.receive(Command.class)
          .onMessage(SchemaReady.class, ready -> {
            if (ready.failure() != null) {
              context.getLog().error("message log of {} unavailable, nothing will be logged: cannot create the "
                  + "journal schema: {}", blade, ready.failure().toString());
              context.getSelf().tell(Unavailable.INSTANCE);
              return stash.unstashAll(unavailable());
            }
            return stash.unstashAll(Behaviors.setup(c -> new Journal(c, blade, s)));
          })
          .onMessage(Read.class, r -> {
            if (stash.isFull()) {
              r.answerNothing();
            } else {
              stash.stash(r);
            }
            return Behaviors.same();
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

  /** {@link SchemaUtils#createIfNotExists} on the journal's database, any failure in the stage. */
  private static CompletionStage<Done> createSchema(ActorSystem<?> system) {
    try {
      return SchemaUtils.createIfNotExists(system);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A log that keeps nothing and finds nothing. */
  private static Behavior<Command> unavailable() {
    return Behaviors.receive(Command.class)
        .onMessage(Read.class, r -> {
          r.answerNothing();
          return Behaviors.same();
        })
        .onAnyMessage(m -> Behaviors.same())
        .build();
  }

  /** The event-sourced journal of one blade's lines. */
  private static final class Journal extends EventSourcedBehavior<Command, Logged, LogState> {
    private final ActorContext<Command> context;
    private final String blade;
    private final int snapshotEvery;
    private final LogReader reader;
    private final Clock clock = Clock.systemUTC();

    Journal(ActorContext<Command> context, String blade, Settings s) {
      super(PersistenceId.ofUniqueId(MessageLog.persistenceId(blade)),
          SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
      this.context = context;
      this.blade = blade;
      this.snapshotEvery = s.snapshotEvery();
      this.reader = new LogReader(context.getSystem(), MessageLog.persistenceId(blade), s.readChunk());
    }

    @Override
    public LogState emptyState() {
      return LogState.EMPTY;
    }

    @Override
    public CommandHandler<Command, Logged, LogState> commandHandler() {
      return newCommandHandlerBuilder().forAnyState()
          .onCommand(Write.class, (state, w) -> {
            List<LogEntry> lines = new ArrayList<>(w.lines().size());
            long seq = state.lastSeq();
            for (Line line : w.lines()) {
              lines.add(entry(++seq, line.at(), line.append()));
            }
            return Effect().persist(new Logged(lines)).thenRun(s -> {
              w.reads().forEach(r -> read(s, r));
              context.getSelf().tell(Ready.INSTANCE);
            });
          })
          // not sent here by create() (the batcher turns appends into writes); kept for completeness
          .onCommand(Append.class, (state, a) ->
              Effect().persist(new Logged(List.of(entry(state.lastSeq() + 1, clock.instant(), a)))))
          .onCommand(Read.class, (state, r) -> Effect().none().thenRun(s -> read(s, r)))
          .onCommand(Answer.class, a -> Effect().none().thenRun(s -> {
            if (a.failure() != null) {
              context.getLog().warn("message log query failed, answering no entries: {}", a.failure().toString());
            }
            a.replyTo().tell(new Entries(a.failure() == null ? a.entries() : List.of()));
          }))
          .onAnyCommand(() -> Effect().none());
    }

    private LogEntry entry(long seq, Instant at, Append a) {
      return new LogEntry(seq, at, blade, a.direction(), a.envelope(), a.note());
    }

    /** Answers {@code r} as of {@code state}: where the log ends, or the entries of a query. */
    private void read(LogState state, Read r) {
      LogPosition at = new LogPosition(state.lastSeq(), lastSequenceNumber(context));
      if (r instanceof Position p) {
        p.replyTo().tell(at);
        return;
      }
      Query q = (Query) r;
      CompletionStage<List<LogEntry>> result;
      try {
        result = reader.query(q.query(), at);
      } catch (RuntimeException e) {
        result = CompletableFuture.failedFuture(e);
      }
      // the journal is read off the actor; the result comes back to it as an Answer
      context.pipeToSelf(result, (list, t) -> new Answer(list, t, q.replyTo()));
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
          .onSignal(RecoveryCompleted.instance(), state -> context.getSelf().tell(Ready.INSTANCE))
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
}
