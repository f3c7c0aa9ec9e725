package dci.actors.log;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;

/** Reads a blade's log from the journal (a stream, never all in memory) and filters it. */
final class LogReader {
  private final ActorSystem<?> system;
  private final String persistenceId;
  private final JdbcReadJournal journal;

  LogReader(ActorSystem<?> system, String persistenceId) {
    this.system = system;
    this.persistenceId = persistenceId;
    this.journal = PersistenceQuery.get(system.classicSystem())
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
  }

  /** The newest {@code limit} entries matching {@code q}, oldest first. */
  CompletionStage<List<LogEntry>> query(LogQuery q) {
    return journal.currentEventsByPersistenceId(persistenceId, 0L, Long.MAX_VALUE)
        .map(e -> ((LogJournal.Logged) e.event()).entry())
        .filter(entry -> LogFilter.matches(q, entry))
        .runWith(Sink.fold(new ArrayDeque<LogEntry>(), (acc, entry) -> {
          acc.addLast(entry);
          if (acc.size() > q.limit()) {
            acc.removeFirst();
          }
          return acc;
        }), system)
        .thenApply(List::copyOf);
  }
}
