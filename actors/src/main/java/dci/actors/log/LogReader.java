package dci.actors.log;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Reads one blade's log from its journal through Persistence Query (a stream: never the whole
 * log in memory) and keeps the newest matches of a {@link LogQuery}. Holds no actor state:
 * its result is meant to be piped back into the log actor.
 */
final class LogReader {
  private final String persistenceId;
  private final JdbcReadJournal journal;
  private final Materializer materializer;

  LogReader(ActorSystem<?> system, String persistenceId) {
    this.persistenceId = persistenceId;
    this.journal = PersistenceQuery.get(system.classicSystem())
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    this.materializer = Materializer.matFromSystem(system);
  }

  /** The newest {@code q.limit()} entries matching {@code q}, oldest first (journal order). */
  CompletionStage<List<LogEntry>> query(LogQuery q) {
    int limit = Math.max(0, q.limit());
    return journal.currentEventsByPersistenceId(persistenceId, 0L, Long.MAX_VALUE)
        .filter(e -> e.event() instanceof Logged)
        .mapConcat(e -> ((Logged) e.event()).entries())
        .filter(entry -> LogFilter.matches(q, entry))
        // a fresh deque per query: only this stream's fold touches it
        .runWith(Sink.<ArrayDeque<LogEntry>, LogEntry>fold(new ArrayDeque<>(), (acc, entry) -> {
          acc.addLast(entry);
          if (acc.size() > limit) {
            acc.removeFirst();
          }
          return acc;
        }), materializer)
        .thenApply(List::copyOf);
  }
}
