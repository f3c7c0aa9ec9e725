package dci.actors.log;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The message log's reader as it was before the read side: it answered every query by scanning
 * the journal through Persistence Query, in bounded chunks ({@link JournalScan}). Kept in the
 * tests as the reference the indexed {@link LogReader} must agree with.
 *
 * <p>Reads one blade's log from its journal through Persistence Query, in bounded chunks
 * ({@link JournalScan}): never the whole log in memory. A query is answered in two steps:
 * {@link #page} finds where its matches lie (counting them, keeping none), then
 * {@link #entries} streams them. Both read only up to a {@link LogPosition} taken from the log
 * actor, so what a query sees does not move while more lines arrive. Thread-safe, no actor
 * state: the log actor and the HTTP API both use one.
 */
final class ScanReader {
  private final JournalScan scan;
  private final Materializer materializer;

  ScanReader(ActorSystem<?> system, String persistenceId, int chunk) {
    this.materializer = Materializer.matFromSystem(system);
    // looked up on first read: a disabled log never opens its journal
    this.scan = new JournalScan(new Lazy<>(() -> PersistenceQuery.get(system.classicSystem())
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier())), persistenceId, chunk, materializer);
  }

  /** The scanning reader of blade {@code blade}'s log, reading {@code chunk} events at a time. */
  static ScanReader of(ActorSystem<?> system, String blade, int chunk) {
    return new ScanReader(system, MessageLog.persistenceId(blade), chunk);
  }

  /** Where the matches of {@code q} lie in the log as it was at {@code at}. */
  public CompletionStage<LogPage> page(LogQuery q, LogPosition at) {
    long lower = q.after() == null ? 1 : q.after() + 1;
    long upper = q.before() == null ? at.lastSeq() : Math.min(at.lastSeq(), q.before() - 1);
    if (at.lastEvent() < 1 || upper < lower || q.limit() == 0) {
      return CompletableFuture.completedFuture(LogPage.EMPTY);
    }
    if (q.limit() == LogQuery.ALL) {
      return CompletableFuture.completedFuture(new LogPage(lower, upper, at.lastEvent(), null, null));
    }
    long limit = q.limit();
    if (q.forward()) {
      return scan.eventHolding(lower, at.lastEvent())
          .thenCompose(first -> seen(scan.forward(first, at.lastEvent())
              .dropWhile(e -> e.seq() < lower).takeWhile(e -> e.seq() <= upper), q))
          .thenApply(s -> s.count() == 0 ? LogPage.EMPTY : s.count() > limit
              ? new LogPage(s.first(), s.previous(), at.lastEvent(), null, s.previous())
              : new LogPage(s.first(), s.last(), at.lastEvent(), null, null));
    }
    return scan.eventHolding(upper, at.lastEvent())
        .thenCompose(newest -> seen(scan.backward(newest, 1)
            .dropWhile(e -> e.seq() > upper).takeWhile(e -> e.seq() >= lower), q))
        .thenApply(s -> s.count() == 0 ? LogPage.EMPTY : s.count() > limit
            ? new LogPage(s.previous(), s.first(), at.lastEvent(), s.previous(), null)
            : new LogPage(s.last(), s.first(), at.lastEvent(), null, null));
  }

  /** The matches of {@code q} on {@code page}, oldest first, read a chunk at a time. */
  public Source<LogEntry, NotUsed> entries(LogQuery q, LogPage page) {
    if (page.isEmpty()) {
      return Source.empty();
    }
    return Source.completionStageSource(scan.eventHolding(page.fromSeq(), page.toEvent())
            .thenApply(first -> scan.forward(first, page.toEvent())
                .dropWhile(e -> e.seq() < page.fromSeq())
                .takeWhile(e -> e.seq() <= page.toSeq())
                .filter(e -> LogFilter.matches(q, e))
                .take(q.limit())))
        .mapMaterializedValue(m -> NotUsed.getInstance());
  }

  /** The matches of {@code q} at {@code at}, collected (for answers of at most a page). */
  CompletionStage<List<LogEntry>> query(LogQuery q, LogPosition at) {
    return page(q, at).thenCompose(p -> entries(q, p).runWith(Sink.seq(), materializer));
  }

  /**
   * Counts the matches of {@code q} in {@code lines}, up to one more than its limit (that one
   * tells whether there is a next page), keeping only the seqs that bound the page.
   */
  private CompletionStage<Seen> seen(Source<LogEntry, NotUsed> lines, LogQuery q) {
    return lines.filter(e -> LogFilter.matches(q, e))
        .take((long) q.limit() + 1)
        .runWith(Sink.fold(Seen.NONE, Seen::plus), materializer);
  }

  /** The matches seen so far: how many, the first, the one before the last, the last. */
  private record Seen(long count, long first, long previous, long last) {
    static final Seen NONE = new Seen(0, 0, 0, 0);

    Seen plus(LogEntry e) {
      return new Seen(count + 1, count == 0 ? e.seq() : first, last, e.seq());
    }
  }

  /** Computes its value once, on first use. */
  private static final class Lazy<T> implements java.util.function.Supplier<T> {
    private final java.util.function.Supplier<T> make;
    private volatile T value;

    Lazy(java.util.function.Supplier<T> make) {
      this.make = make;
    }

    @Override
    public T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          if (value == null) {
            value = make.get();
          }
          v = value;
        }
      }
      return v;
    }
  }
}
