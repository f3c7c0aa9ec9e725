package dci.actors.log;

import dci.protocol.LogSummary;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.slf4j.Logger;

/**
 * Keeps the read side of one blade's log up to date with its journal, and answers the log's
 * reads once it holds what they must see. The journal hands it every event it persists
 * ({@link Journaled}); it writes their blocks ({@link BlockBuilder}) and its progress (the
 * newest event indexed) in one transaction, so after a crash or restart the read side is as of
 * its last commit and it catches up by reading the journal from the next event on: no line is
 * lost or indexed twice. It also catches up when it falls behind (more than
 * {@link #PENDING_LINES} lines waiting). One write at a time, on the blocking dispatcher; events
 * arriving meanwhile are written together in the next. It runs the retention pass
 * ({@link LogRetention}) every {@code dci.log.keep.interval} when {@code dci.log.keep} is on,
 * and publishes the log's size ({@link LogSummary}) on the event stream for the directory.
 */
final class LogIndexer extends AbstractBehavior<LogIndexer.Command> {
  interface Command {}

  /** From the journal: event {@code nr}, holding {@code lines}, is persisted. */
  record Journaled(long nr, List<LogEntry> lines) implements Command {}

  /** From the journal: answer {@code read} once the read side holds the log up to {@code at}. */
  record Await(LogPosition at, MessageLog.Read read) implements Command {}

  private record Started(IndexStore.Progress progress, Block open, Throwable failure) implements Command {}

  private record Read(List<JournalEvents.Event> events, Throwable failure) implements Command {}

  private record Written(BlockBuilder.Batch batch, Throwable failure) implements Command {}

  private record Retained(IndexStore.Progress progress, Throwable failure) implements Command {}

  private enum Tick implements Command {
    RETAIN, PUBLISH, RESTART
  }

  /** Lines of live events held for the next write; beyond, they are read back from the journal. */
  static final int PENDING_LINES = 50_000;

  private final LogDatabase db;
  private final IndexStore store;
  private final JournalEvents events;
  private final LogReader reader;
  private final LogSettings settings;
  private final TimerScheduler<Command> timers;
  private final Logger log;
  private final ArrayDeque<Journaled> pending = new ArrayDeque<>();
  private final List<Await> waiting = new ArrayList<>();
  private IndexStore.Progress progress;
  private BlockBuilder builder;
  private int pendingLines;
  private long knownEnd;
  private boolean catchingUp = true;
  private boolean busy = true;
  private boolean retentionDue;
  private LogSummary published;

  private LogIndexer(ActorContext<Command> context, TimerScheduler<Command> timers, String persistenceId,
      LogSettings settings) {
    super(context);
    this.timers = timers;
    this.log = context.getLog();
    this.settings = settings;
    this.db = LogDatabase.get(context.getSystem());
    this.store = new IndexStore(persistenceId);
    this.events = new JournalEvents(context.getSystem(), persistenceId);
    this.reader = new LogReader(context.getSystem(), persistenceId, settings);
    start();
    if (settings.keep().on()) {
      timers.startTimerWithFixedDelay(Tick.RETAIN, settings.keep().interval());
    }
    timers.startTimerWithFixedDelay(Tick.PUBLISH, Duration.ofSeconds(1));
  }

  /** The indexer of the log with this persistence id; the schema must exist. */
  static Behavior<Command> create(String persistenceId, LogSettings settings) {
    return Behaviors.setup(c -> Behaviors.withTimers(t -> new LogIndexer(c, t, persistenceId, settings)));
  }

  /** Reads the progress and the newest block from the database: where to go on from. */
  private void start() {
    busy = true;
    getContext().pipeToSelf(db.run(c -> {
      IndexStore.Progress p = store.progress(c);
      return new Started(p, p.indexedSeq() == 0 ? null : store.block(c, Block.of(p.indexedSeq(),
          settings.blockLines())), null);
    }), (s, t) -> t == null ? s : new Started(null, null, t));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Journaled.class, this::onJournaled)
        .onMessage(Await.class, a -> {
          waiting.add(a);
          answerWaiting();
          return this;
        })
        .onMessage(Started.class, this::onStarted)
        .onMessage(Read.class, this::onRead)
        .onMessage(Written.class, this::onWritten)
        .onMessage(Retained.class, this::onRetained)
        .onMessageEquals(Tick.RETAIN, () -> {
          retentionDue = true;
          return next();
        })
        .onMessageEquals(Tick.PUBLISH, this::publish)
        .onMessageEquals(Tick.RESTART, () -> {
          start();
          return this;
        })
        .build();
  }

  private Behavior<Command> onJournaled(Journaled j) {
    knownEnd = Math.max(knownEnd, j.nr());
    if (pendingLines + j.lines().size() > PENDING_LINES) {
      catchingUp = true; // too far behind: read these from the journal later
    } else {
      pending.addLast(j);
      pendingLines += j.lines().size();
    }
    return next();
  }

  private Behavior<Command> onStarted(Started s) {
    if (s.failure() != null) {
      return failed("cannot read the read side's progress", s.failure());
    }
    progress = s.progress();
    builder = new BlockBuilder(settings.blockLines(), s.open());
    catchingUp = true;
    busy = false;
    answerWaiting();
    return next();
  }

  /** Starts the next piece of work, if none is under way. */
  private Behavior<Command> next() {
    if (busy || progress == null) {
      return this;
    }
    if (retentionDue) {
      retentionDue = false;
      busy = true;
      getContext().pipeToSelf(new LogRetention(db, store, events, settings).pass(progress, Clock.systemUTC()),
          Retained::new);
      return this;
    }
    while (!pending.isEmpty() && pending.peekFirst().nr() <= progress.indexedEvent()) {
      pendingLines -= pending.pollFirst().lines().size();
    }
    if (!catchingUp && !pending.isEmpty() && pending.peekFirst().nr() != progress.indexedEvent() + 1) {
      catchingUp = true; // an event is missing between what is indexed and what waits
    }
    if (catchingUp) {
      busy = true;
      long from = progress.indexedEvent() + 1;
      getContext().pipeToSelf(db.run(c -> events.read(c, from, Long.MAX_VALUE, settings.catchUpEvents())),
          Read::new);
    } else if (!pending.isEmpty()) {
      List<JournalEvents.Event> batch = new ArrayList<>();
      while (!pending.isEmpty()) {
        Journaled j = pending.pollFirst();
        pendingLines -= j.lines().size();
        batch.add(new JournalEvents.Event(j.nr(), j.lines()));
      }
      write(batch);
    }
    return this;
  }

  private Behavior<Command> onRead(Read r) {
    busy = false;
    if (r.failure() != null) {
      return failed("cannot read the journal", r.failure());
    }
    if (r.events().isEmpty()) {
      if (knownEnd <= progress.indexedEvent()) {
        catchingUp = false;
      }
      return next();
    }
    write(r.events());
    return this;
  }

  private void write(List<JournalEvents.Event> batchEvents) {
    BlockBuilder.Batch batch = builder.add(batchEvents, progress.indexedEvent(), progress.indexedSeq());
    if (batch == null) {
      next();
      return;
    }
    busy = true;
    getContext().pipeToSelf(db.transaction(c -> {
      store.write(c, batch.rows(), batch.lastEvent(), batch.lastSeq());
      return batch;
    }), Written::new);
  }

  private Behavior<Command> onWritten(Written w) {
    busy = false;
    if (w.failure() != null) {
      return failed("cannot write the read side", w.failure());
    }
    builder.written(w.batch());
    progress = new IndexStore.Progress(w.batch().lastEvent(), w.batch().lastSeq(), progress.firstSeq());
    answerWaiting();
    return next();
  }

  private Behavior<Command> onRetained(Retained r) {
    busy = false;
    if (r.failure() != null) {
      log.warn("message log retention pass failed (next in {}): {}",
          settings.keep().interval(), r.failure().toString());
    } else {
      progress = new IndexStore.Progress(progress.indexedEvent(), progress.indexedSeq(), r.progress().firstSeq());
    }
    return next();
  }

  /** Answers the reads the read side now holds enough for. */
  private void answerWaiting() {
    if (progress == null) {
      return;
    }
    waiting.removeIf(a -> {
      if (a.at().lastEvent() > progress.indexedEvent()) {
        return false;
      }
      if (a.read() instanceof MessageLog.Position p) {
        p.replyTo().tell(a.at());
      } else if (a.read() instanceof MessageLog.Query q) {
        reader.answer(q, a.at(), log);
      }
      return true;
    });
  }

  /** Publishes the log's retention setting and size when they changed. */
  private Behavior<Command> publish() {
    if (progress != null) {
      LogSummary now = new LogSummary(settings.keep().describe(),
          Math.max(0, progress.indexedSeq() - progress.firstSeq() + 1));
      if (!now.equals(published)) {
        published = now;
        getContext().getSystem().eventStream().tell(new EventStream.Publish<>(now));
      }
    }
    return this;
  }

  /** A database step failed: start again from what the database holds, in a second. */
  private Behavior<Command> failed(String what, Throwable t) {
    log.warn("message log read side: {} (retrying in 1 s): {}", what, t.toString());
    progress = null;
    pending.clear();
    pendingLines = 0;
    busy = true;
    timers.startSingleTimer(Tick.RESTART, Duration.ofSeconds(1));
    return this;
  }
}
