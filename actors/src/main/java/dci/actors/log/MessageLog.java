package dci.actors.log;

import dci.protocol.envelope.Envelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The blade's message log: every envelope the blade sends, receives, relays, expires or cannot
 * deliver, as an event-sourced journal ({@link LogJournal}, Pekko Persistence JDBC; an H2 file
 * under the blade's data directory by default, see dci-actors' {@code reference.conf}) plus a read
 * side kept up to date from it ({@link LogIndexer}: indexed tables in the same database) that
 * answers the queries ({@link LogReader}). Persistence id {@code dci-log|<blade>}; one
 * {@link Logged} event per write (a batch of lines); the state ({@link LogState}) is only the
 * last sequence number and counts per direction, snapshotted every {@code dci.log.snapshot-every}
 * writes (two kept). The log grows far beyond memory, survives restarts, and
 * {@code dci.log.keep} bounds it ({@link LogRetention}).
 *
 * <p>On start the schema (journal, snapshots, read side) is created if missing
 * ({@link LogSchema}), then the journal recovers and the read side catches up; queries wait
 * meanwhile. Appends are fire and forget (the router never waits on the log): lines arriving
 * while a write is in flight are gathered and persisted together in the next write (at most
 * {@code dci.log.max-batch}), so a burst is neither slowed to one database round trip per line
 * nor dropped by the persistent actor's bounded stash. A query sees every line that reached the
 * log before it (it waits for their write, and for the read side to hold them). Beyond
 * {@code dci.log.buffer-limit} waiting lines (the journal far behind, or down) lines are dropped
 * with a warning. If the schema cannot be created the log keeps nothing and answers every query
 * with no entries.
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

  /**
   * From the read side's {@link LogIndexer}: hold journal writes back (lines wait) from the end
   * of the write in flight, answered then, until {@link Resume} with this {@code id} or for at
   * most {@code atMost}.
   */
  record Pause(long id, Duration atMost, ActorRef<Done> replyTo) implements Command {}

  /** Ends the {@link Pause} numbered {@code id}. */
  record Resume(long id) implements Command {}

  private record SchemaReady(Throwable failure) implements Command {}

  /** Queries held while the schema is being created; more are answered with no entries. */
  private static final int QUERY_STASH = 1000;

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
      LogSettings s = LogSettings.from(context.getSystem().settings().config());
      return Behaviors.intercept(() -> new AppendBatcher(s.maxBatch(), s.bufferLimit(), Clock.systemUTC()),
          withSchema(blade, s));
    });
  }

  /**
   * Creates the schema if missing, holding queries; then starts the read side's indexer (a
   * child) and becomes the journal.
   */
  private static Behavior<Command> withSchema(String blade, LogSettings s) {
    return Behaviors.setup(context -> Behaviors.withStash(QUERY_STASH, stash -> {
      context.pipeToSelf(LogDatabase.get(context.getSystem()).schema(), (Void d, Throwable t) ->
          new SchemaReady(t));
      return Behaviors.receive(Command.class)
          .onMessage(SchemaReady.class, ready -> {
            if (ready.failure() != null) {
              context.getLog().error("message log of {} unavailable, nothing will be logged: cannot create its "
                  + "schema: {}", blade, ready.failure().toString());
              context.getSelf().tell(Unavailable.INSTANCE);
              return stash.unstashAll(unavailable());
            }
            ActorRef<LogIndexer.Command> indexer = context.spawn(LogIndexer.create(persistenceId(blade), s,
                context.getSelf()), "index");
            return stash.unstashAll(Behaviors.setup(c -> new LogJournal(c, blade, s, indexer)));
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
}
