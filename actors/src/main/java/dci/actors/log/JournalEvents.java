package dci.actors.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;

/**
 * Reads one blade's journal events by their numbers, straight from the journal's table (the
 * events' primary key: persistence id and sequence number), and turns them back into lines with
 * the serializer that wrote them. The read side finds which events hold the lines a query
 * wants; this reads just those. Blocking: call it on the blocking dispatcher.
 */
final class JournalEvents {
  /**
   * One journal event: its number and the lines it holds, in order. Read from the journal, its
   * lines may lack their payloads ({@link LoggedSerializer#heads}): {@link #entry} gives a line
   * whole.
   */
  record Event(long nr, List<LogEntry> lines, Whole whole) {
    /** An event whose lines are whole. */
    Event(long nr, List<LogEntry> lines) {
      this(nr, lines, lines::get);
    }

    /** Line {@code i} with its payload. */
    LogEntry entry(int i) {
      return whole.line(i);
    }
  }

  /** Line {@code i} of an event, payload included. */
  @FunctionalInterface
  interface Whole {
    LogEntry line(int i);
  }

  static final String TABLE = "\"event_journal\"";
  static final String SNAPSHOTS = "\"snapshot\"";

  private final String persistenceId;
  private final Serialization serialization;

  JournalEvents(ActorSystem<?> system, String persistenceId) {
    this.persistenceId = persistenceId;
    this.serialization = SerializationExtension.get(system.classicSystem());
  }

  String persistenceId() {
    return persistenceId;
  }

  /** Events {@code from..to} (both included) that exist, oldest first, at most {@code max}. */
  List<Event> read(Connection c, long from, long to, int max) throws SQLException {
    List<Event> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT \"sequence_number\", \"event_ser_id\", "
        + "\"event_ser_manifest\", \"event_payload\" FROM " + TABLE + " WHERE \"persistence_id\" = ? "
        + "AND \"sequence_number\" >= ? AND \"sequence_number\" <= ? ORDER BY \"sequence_number\"")) {
      ps.setString(1, persistenceId);
      ps.setLong(2, from);
      ps.setLong(3, to);
      ps.setMaxRows(max);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(event(rs.getLong(1), rs.getBytes(4), rs.getInt(2), rs.getString(3)));
        }
      }
    }
    return out;
  }

  Event event(long nr, byte[] bytes, int serializer, String manifest) throws SQLException {
    if (serializer == LoggedSerializer.IDENTIFIER) {
      try {
        List<LoggedSerializer.Head> heads = LoggedSerializer.heads(bytes, manifest);
        List<LogEntry> lines = new ArrayList<>(heads.size());
        heads.forEach(h -> lines.add(h.line()));
        return new Event(nr, lines, i -> LoggedSerializer.complete(bytes, heads.get(i)));
      } catch (java.io.NotSerializableException e) {
        throw new SQLException("journal event " + nr + ": " + e.getMessage(), e);
      }
    }
    // written before LoggedSerializer (Jackson CBOR): decoded whole
    Object event = serialization.deserialize(bytes, serializer, manifest).get();
    return new Event(nr, event instanceof Logged l ? l.entries() : List.of());
  }

  /** The lines of events {@code from..to}, oldest first, their payloads not decoded. */
  List<LogEntry> heads(Connection c, long from, long to) throws SQLException {
    List<LogEntry> out = new ArrayList<>();
    for (Event e : read(c, from, to, Integer.MAX_VALUE)) {
      out.addAll(e.lines());
    }
    return out;
  }

  /** The sequence number of the newest snapshot, 0 if there is none. */
  long newestSnapshot(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT MAX(\"sequence_number\") FROM " + SNAPSHOTS
        + " WHERE \"persistence_id\" = ?")) {
      ps.setString(1, persistenceId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }
}
