package dci.actors.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * One retention pass over a blade's log ({@code dci.log.keep}): finds the newest line to remove
 * (the lines older than {@code age} at the start of the log, and all but the newest
 * {@code count}), then removes them from the read side (its floor moves first, so queries stop
 * returning them at once), deletes the journal events holding only removed lines and the
 * snapshots older than the newest; then, on H2, {@link #compact} shrinks the file.
 *
 * <p>The journal keeps what recovery needs: the newest event (the journal's sequence number and
 * the log's last seq are recovered from it, or from the newest snapshot), and everything the read
 * side has not indexed yet. Events are deleted whole, so the journal may keep a few more lines
 * than the read side answers for; they stay invisible.
 * Blocking: runs on the blocking dispatcher, one pass at a time (the {@link LogIndexer} runs it
 * between its writes).
 */
final class LogRetention {
  /**
   * How long the journal stays paused after a compaction closed the database: longer than the
   * 500 ms after which HikariCP checks an idle connection before lending it, so that the journal
   * pool replaces a connection the compaction closed even if it was not evicted.
   */
  static final Duration SETTLE = Duration.ofMillis(600);

  /** The longest a compaction holds the journal back, should it never say it is done. */
  static final Duration PAUSE_AT_MOST = Duration.ofMinutes(5);

  /** Journal events deleted per transaction (each may hold {@code dci.log.max-batch} lines). */
  private static final int DELETE_CHUNK = 100;

  private final LogDatabase db;
  private final IndexStore store;
  private final JournalEvents events;
  private final LogSettings settings;
  private final AtomicLong pauses = new AtomicLong();

  LogRetention(LogDatabase db, IndexStore store, JournalEvents events, LogSettings settings) {
    this.db = db;
    this.store = store;
    this.events = events;
    this.settings = settings;
  }

  /**
   * What a pass did.
   *
   * @param progress the read side's progress after it (its floor moved up)
   * @param deleted true when rows were deleted: the file may be compacted ({@link #compact})
   */
  record Result(IndexStore.Progress progress, boolean deleted) {}

  /** Runs a pass over the log indexed as {@code at}. */
  CompletionStage<Result> pass(IndexStore.Progress at, Clock clock) {
    return db.run(c -> {
      long cut = cut(c, at, clock);
      if (cut < at.firstSeq()) {
        return new Result(at, false);
      }
      long firstBlock = Block.of(cut + 1, settings.blockLines());
      LogDatabase.inTransaction(c, x -> {
        update(c, "UPDATE dci_log_progress SET first_seq = ? WHERE log_id = ?", cut + 1, store.logId());
        update(c, "DELETE FROM dci_log_blocks WHERE log_id = ? AND block < ?", store.logId(), firstBlock);
        update(c, "DELETE FROM dci_log_keys WHERE log_id = ? AND block < ?", store.logId(), firstBlock);
        return null;
      });
      deleteJournal(c, journalCut(c, at, cut));
      return new Result(new IndexStore.Progress(at.indexedEvent(), at.indexedSeq(), cut + 1), true);
    });
  }

  /**
   * After a pass that deleted rows: on H2, when much of the file is free, compacts it
   * ({@link H2Compaction}: {@code SHUTDOWN COMPACT}) with the journal paused
   * ({@link MessageLog.Pause}: lines wait meanwhile) and the log's own queries held back, throws
   * away the connections it closed, and resumes the journal at least {@link #SETTLE} later. The
   * file's size after, or -1 when nothing was done. PostgreSQL's autovacuum makes the space
   * reusable; nothing is done there.
   */
  CompletionStage<Long> compact(ActorSystem<?> system, ActorRef<MessageLog.Command> journal) {
    if (db.dialect() != LogDatabase.Dialect.H2) {
      return CompletableFuture.completedFuture(-1L);
    }
    return db.run(H2Compaction::worthIt).thenCompose(file -> {
      if (file == null) {
        return CompletableFuture.completedFuture(-1L);
      }
      long id = pauses.incrementAndGet();
      return AskPattern.<MessageLog.Command, Done>ask(journal, r -> new MessageLog.Pause(id, PAUSE_AT_MOST, r),
              Duration.ofSeconds(30), system.scheduler())
          .thenCompose(paused -> db.exclusive(c -> H2Compaction.compact(c, file)))
          .thenApplyAsync(size -> {
            JournalPool.evict(system);
            try {
              Thread.sleep(SETTLE.toMillis()); // on the blocking dispatcher: see SETTLE
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return size;
          }, db.io())
          .whenComplete((size, t) -> journal.tell(new MessageLog.Resume(id)));
    });
  }

  /** The newest line to remove (below {@code at.firstSeq()}: nothing new to remove). */
  private long cut(Connection c, IndexStore.Progress at, Clock clock) throws SQLException {
    LogKeep keep = settings.keep();
    long cut = at.firstSeq() - 1;
    if (keep.count() != null) {
      cut = Math.max(cut, at.indexedSeq() - keep.count());
    }
    if (keep.age() != null) {
      cut = Math.max(cut, olderThan(c, at, Block.nanos(clock.instant().minus(keep.age()))));
    }
    return Math.min(cut, at.indexedSeq());
  }

  /** The end of the run of lines logged before {@code cutoff} at the start of the log. */
  private long olderThan(Connection c, IndexStore.Progress at, long cutoff) throws SQLException {
    long end = at.firstSeq() - 1;
    int b = settings.blockLines();
    try (PreparedStatement ps = c.prepareStatement("SELECT block, first_event, last_event, max_at FROM "
        + "dci_log_blocks WHERE log_id = ? AND block >= ? ORDER BY block")) {
      ps.setString(1, store.logId());
      ps.setLong(2, Block.of(at.firstSeq(), b));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long block = rs.getLong(1);
          if (rs.getLong(4) < cutoff) {
            end = Math.min((block + 1) * b, at.indexedSeq()); // the whole block is older
            continue;
          }
          // the block where the older lines end: look at its lines
          for (LogEntry e : events.heads(c, rs.getLong(2), rs.getLong(3))) {
            if (e.seq() > end && Block.of(e.seq(), b) == block) {
              if (Block.nanos(e.at()) >= cutoff) {
                return end;
              }
              end = e.seq();
            }
          }
          return end;
        }
      }
    }
    return end;
  }

  /**
   * The newest journal event that may go: it holds only lines up to {@code cut}, the read side has
   * indexed it, and it is not the newest event.
   */
  private long journalCut(Connection c, IndexStore.Progress at, long cut) throws SQLException {
    long holding = at.indexedEvent() + 1; // the event holding line cut + 1
    if (cut < at.indexedSeq()) {
      IndexStore.Candidate block = firstBlock(c, Block.of(cut + 1, settings.blockLines()));
      if (block != null) {
        for (JournalEvents.Event e : events.read(c, block.firstEvent(), block.lastEvent(), Integer.MAX_VALUE)) {
          List<LogEntry> lines = e.lines();
          if (!lines.isEmpty() && lines.get(lines.size() - 1).seq() > cut) {
            holding = e.nr();
            break;
          }
        }
      }
    }
    return Math.min(holding - 1, at.indexedEvent() - 1);
  }

  private IndexStore.Candidate firstBlock(Connection c, long nr) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT first_event, last_event FROM dci_log_blocks WHERE log_id = ? AND block = ?")) {
      ps.setString(1, store.logId());
      ps.setLong(2, nr);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new IndexStore.Candidate(nr, rs.getLong(1), rs.getLong(2)) : null;
      }
    }
  }

  /** Deletes events up to {@code upTo} and the snapshots before the newest. */
  private void deleteJournal(Connection c, long upTo) throws SQLException {
    String pid = events.persistenceId();
    long from = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT MIN(\"sequence_number\") FROM " + JournalEvents.TABLE
        + " WHERE \"persistence_id\" = ?")) {
      ps.setString(1, pid);
      try (ResultSet rs = ps.executeQuery()) {
        from = rs.next() ? rs.getLong(1) : 0;
      }
    }
    for (long lo = Math.max(from, 1); lo <= upTo; lo += DELETE_CHUNK) {
      long hi = Math.min(upTo, lo + DELETE_CHUNK - 1);
      LogDatabase.inTransaction(c, x -> update(c, "DELETE FROM " + JournalEvents.TABLE
          + " WHERE \"persistence_id\" = ? AND \"sequence_number\" <= ?", pid, hi));
    }
    long newest = events.newestSnapshot(c);
    update(c, "DELETE FROM " + JournalEvents.SNAPSHOTS + " WHERE \"persistence_id\" = ? "
        + "AND \"sequence_number\" < ?", pid, newest);
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }
  }
}
