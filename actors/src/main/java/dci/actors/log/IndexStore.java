package dci.actors.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The read side's tables of one blade's log ({@code dci_log_blocks}, {@code dci_log_keys},
 * {@code dci_log_progress}; see {@code schema-h2.sql}), row by row. Blocking, and no
 * transactions of its own: the callers ({@link LogIndexer}, {@link LogReader},
 * {@link LogRetention}) run it on the blocking dispatcher and decide what goes in one
 * transaction: the indexer writes a batch's rows and its progress together, so a crash leaves
 * both as of the last commit.
 */
final class IndexStore {
  /**
   * How far the read side is.
   *
   * @param indexedEvent the newest journal event indexed (0: none)
   * @param indexedSeq the newest line indexed (0: none)
   * @param firstSeq the oldest line kept (lines below were removed by retention)
   */
  record Progress(long indexedEvent, long indexedSeq, long firstSeq) {
    static final Progress NONE = new Progress(0, 0, 1);
  }

  /** A block that may hold matches of a query: its number and the events holding its lines. */
  record Candidate(long nr, long firstEvent, long lastEvent) {}

  private final String logId;

  IndexStore(String logId) {
    this.logId = logId;
  }

  Progress progress(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT indexed_event, indexed_seq, first_seq FROM dci_log_progress WHERE log_id = ?")) {
      ps.setString(1, logId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Progress(rs.getLong(1), rs.getLong(2), rs.getLong(3)) : Progress.NONE;
      }
    }
  }

  /** Block {@code nr} as stored, with its keys; null if it is not. */
  Block block(Connection c, long nr) throws SQLException {
    Block.Row row;
    try (PreparedStatement ps = c.prepareStatement("SELECT first_event, last_event, min_at, max_at, ids "
        + "FROM dci_log_blocks WHERE log_id = ? AND block = ?")) {
      ps.setString(1, logId);
      ps.setLong(2, nr);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        row = new Block.Row(nr, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBytes(5), true,
            List.of());
      }
    }
    Set<Block.Key> keys = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT kind, val FROM dci_log_keys WHERE log_id = ? AND block = ?")) {
      ps.setString(1, logId);
      ps.setLong(2, nr);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(new Block.Key(rs.getString(1).charAt(0), rs.getString(2)));
        }
      }
    }
    return Block.reopen(row, keys);
  }

  /** Writes these blocks (new ones inserted, others updated) and the progress they bring. */
  void write(Connection c, List<Block.Row> rows, long indexedEvent, long indexedSeq) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO dci_log_blocks (first_event, last_event, "
            + "min_at, max_at, ids, log_id, block) VALUES (?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement update = c.prepareStatement("UPDATE dci_log_blocks SET first_event = ?, last_event = ?, "
            + "min_at = ?, max_at = ?, ids = ? WHERE log_id = ? AND block = ?");
        PreparedStatement key = c.prepareStatement(
            "INSERT INTO dci_log_keys (log_id, kind, val, block) VALUES (?, ?, ?, ?)")) {
      for (Block.Row r : rows) {
        PreparedStatement ps = r.stored() ? update : insert;
        ps.setLong(1, r.firstEvent());
        ps.setLong(2, r.lastEvent());
        ps.setLong(3, r.minAt());
        ps.setLong(4, r.maxAt());
        ps.setBytes(5, r.ids());
        ps.setString(6, logId);
        ps.setLong(7, r.nr());
        ps.executeUpdate();
        for (Block.Key k : r.newKeys()) {
          key.setString(1, logId);
          key.setString(2, String.valueOf(k.kind()));
          key.setString(3, k.value());
          key.setLong(4, r.nr());
          key.addBatch();
        }
      }
      key.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE dci_log_progress SET indexed_event = ?, indexed_seq = ? WHERE log_id = ?")) {
      ps.setLong(1, indexedEvent);
      ps.setLong(2, indexedSeq);
      ps.setString(3, logId);
      if (ps.executeUpdate() == 0) {
        try (PreparedStatement in = c.prepareStatement("INSERT INTO dci_log_progress (log_id, indexed_event, "
            + "indexed_seq, first_seq) VALUES (?, ?, ?, 1)")) {
          in.setString(1, logId);
          in.setLong(2, indexedEvent);
          in.setLong(3, indexedSeq);
          in.executeUpdate();
        }
      }
    }
  }

  /**
   * The blocks {@code from..to} that may hold lines matching {@code q}, newest first when
   * {@code descending}, at most {@code max}: those holding its app, sender and receiver, whose
   * times overlap its range and whose id hashes hold its id.
   */
  List<Candidate> candidates(Connection c, LogQuery q, long from, long to, boolean descending, int max)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT b.block, b.first_event, b.last_event")
        .append(q.envelopeId() == null ? "" : ", b.ids")
        .append(" FROM dci_log_blocks b WHERE b.log_id = ? AND b.block >= ? AND b.block <= ?");
    List<Object> args = new ArrayList<>(List.of(logId, from, to));
    if (q.since() != null) {
      sql.append(" AND b.max_at >= ?");
      args.add(Block.nanos(q.since()));
    }
    if (q.until() != null) {
      sql.append(" AND b.min_at < ?");
      args.add(Block.nanos(q.until()));
    }
    key(sql, args, 'a', q.appType());
    key(sql, args, 's', q.sender());
    key(sql, args, 'r', q.receiver());
    sql.append(" ORDER BY b.block").append(descending ? " DESC" : "");
    List<Candidate> out = new ArrayList<>();
    int hash = q.envelopeId() == null ? 0 : Block.hash(q.envelopeId());
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      if (q.envelopeId() == null) {
        ps.setMaxRows(max);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next() && out.size() < max) {
          if (q.envelopeId() == null || Block.mayHold(rs.getBytes(4), hash)) {
            out.add(new Candidate(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
          }
        }
      }
    }
    return out;
  }

  private static void key(StringBuilder sql, List<Object> args, char kind, String value) {
    if (value != null) {
      sql.append(" AND EXISTS (SELECT 1 FROM dci_log_keys k WHERE k.log_id = b.log_id AND k.kind = '")
          .append(kind).append("' AND k.val = ? AND k.block = b.block)");
      args.add(value);
    }
  }

  String logId() {
    return logId;
  }
}
