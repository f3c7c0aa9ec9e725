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
  /** One journal event: its number and the lines it holds, in order. */
  record Event(long nr, List<LogEntry> lines) {}

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
          Object event = serialization.deserialize(rs.getBytes(4), rs.getInt(2), rs.getString(3)).get();
          out.add(new Event(rs.getLong(1), event instanceof Logged l ? l.entries() : List.of()));
        }
      }
    }
    return out;
  }

  /** The lines of events {@code from..to}, oldest first. */
  List<LogEntry> lines(Connection c, long from, long to) throws SQLException {
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
