package dci.actors.log;

import dci.protocol.envelope.Envelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;

/**
 * The blade's message log: every envelope the blade sends, receives, relays or expires,
 * journaled (JDBC; H2 under the blade's data directory by default) so it survives restarts
 * and can be queried and replayed. Appends are fire-and-forget and batched: lines gathered
 * while a write is in flight are persisted together in the next one (at most
 * {@code maxBatch}), so the router never waits on the disk.
 */
public final class MessageLog extends AbstractBehavior<MessageLog.Command> {

  /** Messages the log understands. */
  public interface Command {}

  /** Journals one envelope (fire and forget: the router never waits on the log). */
  public record Append(Direction direction, Envelope envelope, String note) implements Command {}

  /** Answers the entries matching a query, sorted by time. */
  public record Query(LogQuery query, ActorRef<Entries> replyTo) implements Command {}

  /** Answer to {@link Query}. */
  public record Entries(List<LogEntry> entries) {}

  private record SchemaReady(Throwable failure) implements Command {}

  private record Written(LogJournal.Persisted persisted) implements Command {}

  private final ActorRef<LogJournal.Command> journal;
  private final ActorRef<LogJournal.Persisted> written;
  private final int maxBatch;
  private final Clock clock = Clock.systemUTC();
  private List<Append> pending = new ArrayList<>();
  private List<Instant> pendingAt = new ArrayList<>();
  private boolean writing;

  private MessageLog(ActorContext<Command> context, String blade, int snapshotEvery, int maxBatch) {
    super(context);
    this.maxBatch = maxBatch;
    this.journal = context.spawn(Behaviors.setup(c -> new LogJournal(c, blade, snapshotEvery)), "journal");
    this.written = context.messageAdapter(LogJournal.Persisted.class, Written::new);
  }

  static String persistenceId(String blade) {
    return "dci-log|" + blade;
  }

  /** The log of blade {@code blade}; {@code enabled=false} keeps nothing (for benchmarks). */
  public static Behavior<Command> create(String blade, boolean enabled) {
    return create(blade, enabled, 1000, 1000);
  }

  /**
   * Creates the journal schema first (if missing), holding appends until it exists; then
   * logs with a snapshot every {@code snapshotEvery} lines and writes of at most
   * {@code maxBatch} lines.
   */
  public static Behavior<Command> create(String blade, boolean enabled, int snapshotEvery, int maxBatch) {
    if (!enabled) {
      return disabled();
    }
    return Behaviors.setup(context -> Behaviors.withStash(100_000, stash -> {
      context.pipeToSelf(SchemaUtils.createIfNotExists(context.getSystem()), (Done d, Throwable t) -> new SchemaReady(t));
      return awaitingSchema(context, stash, blade, snapshotEvery, maxBatch);
    }));
  }

  private static Behavior<Command> awaitingSchema(ActorContext<Command> context, StashBuffer<Command> stash,
      String blade, int snapshotEvery, int maxBatch) {
    return Behaviors.receive(Command.class)
        .onMessage(SchemaReady.class, ready -> {
          if (ready.failure() != null) {
            context.getLog().error("message log unavailable: cannot create the journal schema: {}",
                ready.failure().getMessage());
            return stash.unstashAll(disabled());
          }
          return stash.unstashAll(new MessageLog(context, blade, snapshotEvery, maxBatch));
        })
        .onAnyMessage(m -> {
          if (!stash.isFull()) {
            stash.stash(m);
          }
          return Behaviors.same();
        })
        .build();
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
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Append.class, this::onAppend)
        .onMessage(Query.class, q -> {
          journal.tell(new LogJournal.Query(q.query(), q.replyTo()));
          return this;
        })
        .onMessage(Written.class, w -> {
          writing = false;
          flush();
          return this;
        })
        .build();
  }

  private Behavior<Command> onAppend(Append a) {
    pending.add(a);
    pendingAt.add(clock.instant());
    if (!writing || pending.size() >= maxBatch) {
      flush();
    }
    return this;
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    journal.tell(new LogJournal.AppendAll(pending, pendingAt, written));
    pending = new ArrayList<>();
    pendingAt = new ArrayList<>();
    writing = true;
  }
}
