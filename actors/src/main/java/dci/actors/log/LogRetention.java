package dci.actors.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One retention pass over a blade's log ({@code dci.log.keep}): finds the newest line to remove
 * (the lines older than {@code age} at the start of the log, and all but the newest
 * {@code count}), then removes them from the read side (its floor moves first, so queries stop
 * returning them at once), deletes the journal events holding only removed lines and the
 * snapshots older than the newest, and on H2 compacts the file so it shrinks on disk.
 *
 * <p>The journal keeps what recovery needs: never the newest event, never anything after the
 * newest snapshot (recovery replays from there), and only what the read side has indexed. So
 * the journal may keep a few more lines than the read side answers for; they stay invisible.
 * Blocking: runs on the blocking dispatcher, one pass at a time (the {@link LogIndexer} runs it
 * between its writes).
 */
final class LogRetention {
  /** Journal events deleted per transaction (each may hold {@code dci.log.max-batch} lines). */
  private static final int DELETE_CHUNK = 100;

  private final LogDatabase db;
  private final IndexStore store;
  private final JournalEvents events;
  private final LogSettings settings;

  LogRetention(LogDatabase db, IndexStore store, JournalEvents events, LogSettings settings) {
    this.db = db;
    this.store = store;
    this.events = events;
    this.settings = settings;
  }

  /** Runs a pass over the log indexed as {@code at}; answers the progress after it. */
  CompletionStage<IndexStore.Progress> pass(IndexStore.Progress at, Clock clock) {
    return db.run(c -> {
      long cut = cut(c, at, clock);
      if (cut < at.firstSeq()) {
        return at;
      }
      long firstBlock = Block.of(cut + 1, settings.blockLines());
      LogDatabase.inTransaction(c, x -> {
        update(c, "UPDATE dci_log_progress SET first_seq = ? WHERE log_id = ?", cut + 1, store.logId());
        update(c, "DELETE FROM dci_log_blocks WHERE log_id = ? AND block < ?", store.logId(), firstBlock);
        update(c, "DELETE FROM dci_log_keys WHERE log_id = ? AND block < ?", store.logId(), firstBlock);
        return null;
      });
      boolean deleted = deleteJournal(c, journalCut(c, at, cut));
      if (deleted && db.dialect() == LogDatabase.Dialect.H2) {
        H2Compaction.compact(c, settings.keep().compactTime());
      }
      return new IndexStore.Progress(at.indexedEvent(), at.indexedSeq(), cut + 1);
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
          for (LogEntry e : events.lines(c, rs.getLong(2), rs.getLong(3))) {
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
   * indexed it, it is not the newest event, and recovery does not need it (the newest snapshot
   * is at or after it).
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
    return Math.min(Math.min(holding - 1, at.indexedEvent() - 1), events.newestSnapshot(c));
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

  /** Deletes events up to {@code upTo} and the snapshots before the newest; true if any went. */
  private boolean deleteJournal(Connection c, long upTo) throws SQLException {
    long deleted = 0;
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
      deleted += LogDatabase.inTransaction(c, x -> update(c, "DELETE FROM " + JournalEvents.TABLE
          + " WHERE \"persistence_id\" = ? AND \"sequence_number\" <= ?", pid, hi));
    }
    long newest = events.newestSnapshot(c);
    deleted += update(c, "DELETE FROM " + JournalEvents.SNAPSHOTS + " WHERE \"persistence_id\" = ? "
        + "AND \"sequence_number\" < ?", pid, newest);
    return deleted > 0;
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
