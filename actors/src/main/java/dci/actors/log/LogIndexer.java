package dci.actors.log;

import dci.protocol.LogSummary;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
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
 * reads once it holds what they must see. The journal hands it each event it persists
 * ({@link Journaled}); it writes their blocks ({@link BlockBuilder}) and its progress (the newest
 * event indexed) in one transaction, so after a crash the read side is as of its last commit and
 * it catches up by reading the journal from the next event on: no line lost or indexed twice.
 * It also catches up when it falls behind ({@link #PENDING_LINES}). One write at a time, on the
 * blocking dispatcher; events arriving meanwhile go together in the next. Every
 * {@code dci.log.keep.interval} (when {@code dci.log.keep} is on) a retention pass runs between
 * two writes ({@link LogRetention}; then, on H2, the file is compacted with the journal paused). It
 * publishes the log's size ({@link LogSummary}) on the event stream for the directory.
 */
final class LogIndexer extends AbstractBehavior<LogIndexer.Command> {
  interface Command {}

  /** From the journal: event {@code nr}, holding {@code lines}, is persisted. */
  record Journaled(long nr, List<LogEntry> lines) implements Command {}

  /** From the journal: answer {@code read} once the read side holds the log up to {@code at}. */
  record Await(LogPosition at, MessageLog.Read read) implements Command {}

  private record Started(IndexStore.Progress progress, Block open) implements Command {}

  private record Read(List<JournalEvents.Event> events) implements Command {}

  private record Written(BlockBuilder.Batch batch) implements Command {}

  private record Retained(LogRetention.Result result) implements Command {}

  private record Compacted(long size) implements Command {}

  private record Failed(String what, Throwable failure) implements Command {}

  private enum Tick implements Command {
    RETAIN, PUBLISH, RESTART
  }

  /** Lines of live events held for the next write; beyond, they are read back from the journal. */
  static final int PENDING_LINES = 50_000;

  private final LogDatabase db;
  private final IndexStore store;
  private final JournalEvents events;
  private final LogReader reader;
  private final LogRetention retention;
  private final LogSettings settings;
  private final TimerScheduler<Command> timers;
  private final Logger log;
  private final ActorRef<MessageLog.Command> journal;
  private final PendingEvents pending = new PendingEvents(PENDING_LINES);
  private final List<Await> waiting = new ArrayList<>();
  private IndexStore.Progress progress;
  private BlockBuilder builder;
  private long knownEnd;
  private boolean catchingUp = true;
  private boolean busy;
  private boolean retentionDue;
  private LogSummary published;

  private LogIndexer(ActorContext<Command> context, TimerScheduler<Command> timers, String persistenceId,
      LogSettings settings, ActorRef<MessageLog.Command> journal) {
    super(context);
    this.journal = journal;
    this.timers = timers;
    this.log = context.getLog();
    this.settings = settings;
    this.db = LogDatabase.get(context.getSystem());
    this.store = new IndexStore(persistenceId);
    this.events = new JournalEvents(context.getSystem(), persistenceId);
    this.reader = new LogReader(context.getSystem(), persistenceId, settings);
    this.retention = new LogRetention(db, store, events, settings);
    if (settings.keep().on()) {
      timers.startTimerWithFixedDelay(Tick.RETAIN, settings.keep().interval());
    }
    timers.startTimerWithFixedDelay(Tick.PUBLISH, Duration.ofSeconds(1));
    start();
  }

  /** The indexer of the log with this persistence id (the schema must exist), {@code journal} its log. */
  static Behavior<Command> create(String persistenceId, LogSettings settings, ActorRef<MessageLog.Command> journal) {
    return Behaviors.setup(c -> Behaviors.withTimers(t -> new LogIndexer(c, t, persistenceId, settings, journal)));
  }

  /** Reads the progress and the newest block from the database: where to go on from. */
  private void start() {
    busy = true;
    getContext().pipeToSelf(db.run(c -> {
      IndexStore.Progress p = store.progress(c);
      return new Started(p, p.indexedSeq() == 0 ? null : store.block(c, Block.of(p.indexedSeq(),
          settings.blockLines())));
    }), (s, t) -> t == null ? s : new Failed("cannot read the read side's progress", t));
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
        .onMessage(Started.class, s -> {
          progress = s.progress();
          builder = new BlockBuilder(settings.blockLines(), s.open());
          return done(); // catching up from the journal first
        })
        .onMessage(Read.class, this::onRead)
        .onMessage(Written.class, w -> {
          builder.written(w.batch());
          progress = new IndexStore.Progress(w.batch().lastEvent(), w.batch().lastSeq(), progress.firstSeq());
          return done();
        })
        .onMessage(Retained.class, this::onRetained)
        .onMessage(Compacted.class, c -> done())
        .onMessage(Failed.class, this::onFailed)
        .onMessage(Tick.class, this::onTick)
        .build();
  }

  private Behavior<Command> onTick(Tick tick) {
    switch (tick) {
      case RETAIN -> retentionDue = true;
      case PUBLISH -> publish();
      case RESTART -> start();
    }
    return next();
  }

  private Behavior<Command> onJournaled(Journaled j) {
    knownEnd = Math.max(knownEnd, j.nr());
    if (!pending.offer(new JournalEvents.Event(j.nr(), j.lines()))) {
      catchingUp = true; // too far behind: read these from the journal later
    }
    return next();
  }

  /** A step is done: answer what can be, then the next step. */
  private Behavior<Command> done() {
    busy = false;
    answerWaiting();
    return next();
  }

  /** Starts the next step (retention, catching up, or writing what waits), if none is under way. */
  private Behavior<Command> next() {
    if (busy || progress == null) {
      return this;
    }
    pending.dropUpTo(progress.indexedEvent());
    if (!catchingUp && pending.first() > progress.indexedEvent() + 1) {
      catchingUp = true; // an event is missing between what is indexed and what waits
    }
    busy = true;
    if (retentionDue) {
      retentionDue = false;
      getContext().pipeToSelf(retention.pass(progress, Clock.systemUTC()),
          (r, t) -> t == null ? new Retained(r) : new Failed("retention pass failed", t));
    } else if (catchingUp) {
      long from = progress.indexedEvent() + 1;
      getContext().pipeToSelf(db.run(c -> events.read(c, from, Long.MAX_VALUE, settings.catchUpEvents())),
          (r, t) -> t == null ? new Read(r) : new Failed("cannot read the journal", t));
    } else if (pending.first() > 0) {
      write(pending.drain());
    } else {
      busy = false;
    }
    return this;
  }

  private Behavior<Command> onRead(Read r) {
    if (r.events().isEmpty()) {
      catchingUp = knownEnd > progress.indexedEvent();
      return done();
    }
    write(r.events());
    return this;
  }

  private void write(List<JournalEvents.Event> batchEvents) {
    BlockBuilder.Batch batch = builder.add(batchEvents, progress.indexedEvent(), progress.indexedSeq());
    if (batch == null) {
      done();
      return;
    }
    getContext().pipeToSelf(db.transaction(c -> {
      store.write(c, batch.rows(), batch.lastEvent(), batch.lastSeq());
      return batch;
    }), (b, t) -> t == null ? new Written(b) : new Failed("cannot write the read side", t));
  }

  private Behavior<Command> onRetained(Retained r) {
    progress = new IndexStore.Progress(progress.indexedEvent(), progress.indexedSeq(),
        r.result().progress().firstSeq());
    if (!r.result().deleted()) {
      return done();
    }
    getContext().pipeToSelf(retention.compact(getContext().getSystem(), journal), (size, t) -> {
      if (t != null) {
        log.warn("message log: compacting the database after a retention pass failed: {}", t.toString());
      }
      return new Compacted(t == null ? size : -1);
    });
    return this;
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
  private void publish() {
    LogSummary now = progress == null ? published
        : new LogSummary(settings.keep().describe(), Math.max(0, progress.indexedSeq() - progress.firstSeq() + 1));
    if (now != null && !now.equals(published)) {
      published = now;
      getContext().getSystem().eventStream().tell(new EventStream.Publish<>(now));
    }
  }

  /** A database step failed: a retention pass is tried again next interval; anything else starts over. */
  private Behavior<Command> onFailed(Failed f) {
    if (f.what().startsWith("retention")) {
      log.warn("message log: {} (next in {}): {}", f.what(), settings.keep().interval(), f.failure().toString());
      return done();
    }
    log.warn("message log read side: {} (retrying in 1 s): {}", f.what(), f.failure().toString());
    progress = null;
    catchingUp = true;
    pending.drain();
    busy = true;
    timers.startSingleTimer(Tick.RESTART, Duration.ofSeconds(1));
    return this;
  }
}
