package dci.actors.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Answers queries of one blade's log from its read side: the blocks that may hold matches come
 * from the indexed tables ({@link IndexStore#candidates}, a few blocks per query, the next only
 * when the stream downstream asks for more), then the journal events holding just those blocks'
 * lines are read by key ({@link JournalEvents}), their lines decoded without payloads, and the
 * lines that match kept ({@link LogFilter}) and decoded whole. The whole journal is never read: an export reads the blocks it covers,
 * a page reads back from its end only as far as it needs. A query is answered in two steps:
 * {@link #page} finds where its matches lie (counting them, keeping none), then {@link #entries}
 * streams them. Both read only up to a {@link LogPosition} taken from the log actor (which
 * answers it once the read side holds that far), so what a query sees does not move while more
 * lines arrive. Thread-safe, no actor state: the log and the HTTP API both use one.
 */
public final class LogReader {
  private final LogDatabase db;
  private final IndexStore store;
  private final JournalEvents events;
  private final int blockLines;
  private final int chunk;
  private final Materializer materializer;
  private final EventCache cache = new EventCache();

  /** Journal events kept decoded (without payloads) between queries. */
  static final int CACHED = 8;

  LogReader(ActorSystem<?> system, String persistenceId, LogSettings s) {
    this.db = LogDatabase.get(system);
    this.store = new IndexStore(persistenceId);
    this.events = new JournalEvents(system, persistenceId);
    this.blockLines = s.blockLines();
    this.chunk = s.readChunk();
    this.materializer = Materializer.matFromSystem(system);
  }

  /** The reader of blade {@code blade}'s log. */
  public static LogReader of(ActorSystem<?> system, String blade) {
    return new LogReader(system, MessageLog.persistenceId(blade), LogSettings.from(system.settings().config()));
  }

  /** Where the matches of {@code q} lie in the log as it was at {@code at}. */
  public CompletionStage<LogPage> page(LogQuery q, LogPosition at) {
    long upper = q.before() == null ? at.lastSeq() : Math.min(at.lastSeq(), q.before() - 1);
    if (at.lastEvent() < 1 || q.limit() == 0 || upper < 1) {
      return CompletableFuture.completedFuture(LogPage.EMPTY);
    }
    return db.run(store::progress).thenCompose(progress -> {
      long lower = Math.max(progress.firstSeq(), q.after() == null ? 1 : q.after() + 1);
      if (upper < lower) {
        return CompletableFuture.completedFuture(LogPage.EMPTY);
      }
      if (q.limit() == LogQuery.ALL) {
        return CompletableFuture.completedFuture(new LogPage(lower, upper, at.lastEvent(), null, null));
      }
      long limit = q.limit();
      if (q.forward()) {
        return seen(matches(q, lower, upper, false), q).thenApply(s -> s.count() == 0 ? LogPage.EMPTY
            : s.count() > limit ? new LogPage(s.first(), s.previous(), at.lastEvent(), null, s.previous())
            : new LogPage(s.first(), s.last(), at.lastEvent(), null, null));
      }
      return seen(matches(q, lower, upper, true), q).thenApply(s -> s.count() == 0 ? LogPage.EMPTY
          : s.count() > limit ? new LogPage(s.previous(), s.first(), at.lastEvent(), s.previous(), null)
          : new LogPage(s.last(), s.first(), at.lastEvent(), null, null));
    });
  }

  /** The matches of {@code q} on {@code page}: oldest first, or in the order of {@code q.sort()}. */
  public Source<LogEntry, NotUsed> entries(LogQuery q, LogPage page) {
    if (page.isEmpty()) {
      return Source.empty();
    }
    Source<LogEntry, NotUsed> lines = matches(q, page.fromSeq(), page.toSeq(), false).take(q.limit());
    if (q.sort() == null) {
      return lines;
    }
    // at most LogQuery.MAX_SORTED lines (the query refuses more)
    return Source.completionStage(lines.runWith(Sink.seq(), materializer)).mapConcat(list -> {
      List<LogEntry> sorted = new ArrayList<>(list);
      sorted.sort(q.sort().order());
      return sorted;
    });
  }

  /** The matches of {@code q} at {@code at}, collected (for answers of at most a page). */
  CompletionStage<List<LogEntry>> query(LogQuery q, LogPosition at) {
    return page(q, at).thenCompose(p -> entries(q, p).runWith(Sink.seq(), materializer));
  }

  /** Answers {@code q} as the log was at {@code at} (no entries if the query fails, with a warning). */
  void answer(MessageLog.Query q, LogPosition at, org.slf4j.Logger log) {
    query(q.query(), at).whenComplete((list, t) -> {
      if (t != null) {
        log.warn("message log query failed, answering no entries: {}", t.toString());
      }
      q.replyTo().tell(new MessageLog.Entries(t == null ? list : List.of()));
    });
  }

  /**
   * The lines {@code lower..upper} matching {@code q}, oldest first (newest first when
   * {@code descending}), read a few candidate blocks at a time.
   */
  private Source<LogEntry, NotUsed> matches(LogQuery q, long lower, long upper, boolean descending) {
    long[] range = {Block.of(lower, blockLines), Block.of(upper, blockLines)};
    return Source.unfoldAsync(range, r -> r[0] > r[1]
            ? CompletableFuture.completedFuture(Optional.<Pair<long[], List<IndexStore.Candidate>>>empty())
            : db.run(c -> store.candidates(c, q, r[0], r[1], descending, chunk)).thenApply(found -> {
              if (found.isEmpty()) {
                return Optional.<Pair<long[], List<IndexStore.Candidate>>>empty();
              }
              long last = found.get(found.size() - 1).nr();
              long[] next = descending ? new long[] {r[0], last - 1} : new long[] {last + 1, r[1]};
              return Optional.of(Pair.create(next, found));
            }))
        .mapConcat(found -> found)
        .mapAsync(1, block -> db.run(c -> cache.events(c, block)).thenApply(held -> {
          List<LogEntry> out = new ArrayList<>();
          for (JournalEvents.Event event : held) {
            for (int i = 0; i < event.lines().size(); i++) {
              LogEntry e = event.lines().get(i); // without its payload: filters do not look at it
              if (e.seq() >= lower && e.seq() <= upper && Block.of(e.seq(), blockLines) == block.nr()
                  && LogFilter.matches(q, e)) {
                out.add(event.entry(i));
              }
            }
          }
          if (descending) {
            Collections.reverse(out);
          }
          return out;
        }))
        .mapConcat(lines -> lines);
  }

  /**
   * The journal events read last, by number, at most {@link #CACHED} (about a quarter of a MB each
   * when full): neighbouring blocks often share an event, and {@link #page} and {@link #entries}
   * read the same blocks one after the other. Events never change once journaled (retention only
   * deletes them), so a cached one is never stale. Shared by the streams of this reader.
   */
  private final class EventCache {
    private final Map<Long, JournalEvents.Event> held = new java.util.LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, JournalEvents.Event> eldest) {
        return size() > CACHED;
      }
    };

    /** The events holding the lines of {@code block}, oldest first. */
    List<JournalEvents.Event> events(Connection c, IndexStore.Candidate block) throws SQLException {
      Map<Long, JournalEvents.Event> found = new HashMap<>();
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      synchronized (held) {
        for (long nr = block.firstEvent(); nr <= block.lastEvent(); nr++) {
          JournalEvents.Event e = held.get(nr);
          if (e != null) {
            found.put(nr, e);
          } else {
            first = Math.min(first, nr);
            last = Math.max(last, nr);
          }
        }
      }
      if (first <= last) {
        List<JournalEvents.Event> read = events.read(c, first, last, Integer.MAX_VALUE);
        synchronized (held) {
          for (JournalEvents.Event e : read) {
            found.putIfAbsent(e.nr(), e);
            held.put(e.nr(), e);
          }
        }
      }
      List<JournalEvents.Event> out = new ArrayList<>();
      for (long nr = block.firstEvent(); nr <= block.lastEvent(); nr++) {
        if (found.containsKey(nr)) {
          out.add(found.get(nr));
        }
      }
      return out;
    }
  }

  /**
   * Counts the matches of {@code q} in {@code lines}, up to one more than its limit (that one
   * tells whether there is a next page), keeping only the seqs that bound the page.
   */
  private CompletionStage<Seen> seen(Source<LogEntry, NotUsed> lines, LogQuery q) {
    return lines.take((long) q.limit() + 1).runWith(Sink.fold(Seen.NONE, Seen::plus), materializer);
  }

  /** The matches seen so far: how many, the first, the one before the last, the last. */
  private record Seen(long count, long first, long previous, long last) {
    static final Seen NONE = new Seen(0, 0, 0, 0);

    Seen plus(LogEntry e) {
      return new Seen(count + 1, count == 0 ? e.seq() : first, last, e.seq());
    }
  }
}
