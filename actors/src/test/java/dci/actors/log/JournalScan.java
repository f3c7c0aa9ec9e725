package dci.actors.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Reads one blade's journal in bounded chunks: {@code chunk} events (journal sequence numbers)
 * per Persistence Query, the next chunk only when the stream downstream asks for more. At most
 * one chunk is held at a time, so a scan of the whole log never holds the whole log. Each event
 * is a {@link Logged} batch of lines whose seqs rise with the event's number, which lets
 * {@link #eventHolding} find a line's event by bisection.
 */
final class JournalScan {
  private final Supplier<CurrentEventsByPersistenceIdQuery> journal;
  private final String persistenceId;
  private final int chunk;
  private final Materializer materializer;

  JournalScan(Supplier<CurrentEventsByPersistenceIdQuery> journal, String persistenceId, int chunk,
      Materializer materializer) {
    if (chunk < 1) {
      throw new IllegalArgumentException("chunk must be >= 1");
    }
    this.journal = journal;
    this.persistenceId = persistenceId;
    this.chunk = chunk;
    this.materializer = materializer;
  }

  /** The lines of events {@code from..to}, oldest first. */
  Source<LogEntry, NotUsed> forward(long from, long to) {
    return Source.unfoldAsync(from, next -> next > to
            ? CompletableFuture.completedFuture(Optional.<Pair<Long, List<LogEntry>>>empty())
            : lines(next, Math.min(to, next + chunk - 1)).thenApply(lines -> Optional.of(Pair.create(next + chunk, lines))))
        .mapConcat(lines -> lines);
  }

  /** The lines of events {@code from..to} ({@code from >= to}), newest first. */
  Source<LogEntry, NotUsed> backward(long from, long to) {
    return Source.unfoldAsync(from, next -> next < to
            ? CompletableFuture.completedFuture(Optional.<Pair<Long, List<LogEntry>>>empty())
            : lines(Math.max(to, next - chunk + 1), next).thenApply(lines -> {
              Collections.reverse(lines);
              return Optional.of(Pair.create(next - chunk, lines));
            }))
        .mapConcat(lines -> lines);
  }

  /**
   * The number of the event holding line {@code seq}: the first event (of {@code 1..lastEvent})
   * whose newest line is at least {@code seq}; {@code lastEvent} when none is.
   */
  CompletionStage<Long> eventHolding(long seq, long lastEvent) {
    return bisect(seq, 1, Math.max(1, lastEvent));
  }

  private CompletionStage<Long> bisect(long seq, long lo, long hi) {
    if (lo >= hi) {
      return CompletableFuture.completedFuture(lo);
    }
    long mid = lo + (hi - lo) / 2;
    return lines(mid, mid).thenCompose(lines -> {
      long newest = lines.isEmpty() ? Long.MIN_VALUE : lines.get(lines.size() - 1).seq();
      return newest < seq ? bisect(seq, mid + 1, hi) : bisect(seq, lo, mid);
    });
  }

  /** The lines of events {@code from..to}, oldest first (one query, at most {@code chunk} events). */
  private CompletionStage<List<LogEntry>> lines(long from, long to) {
    return journal.get().currentEventsByPersistenceId(persistenceId, from, to)
        .runWith(Sink.fold(new ArrayList<LogEntry>(), (acc, e) -> {
          if (e.event() instanceof Logged logged) {
            acc.addAll(logged.entries());
          }
          return acc;
        }), materializer)
        .thenApply(list -> list);
  }
}
