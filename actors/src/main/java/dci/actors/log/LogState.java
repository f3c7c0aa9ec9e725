package dci.actors.log;

import dci.protocol.DciSerializable;

/**
 * The message log's state, and its snapshot: the seq of the newest line. Never the lines
 * themselves: those stay in the journal. (Snapshots written before the retention pass existed
 * also hold counts per direction; they are ignored: once old events are deleted, counts
 * recovered from a snapshot and the events after it would no longer add up.)
 *
 * @param lastSeq sequence number of the newest line (0: none yet)
 */
public record LogState(long lastSeq) implements DciSerializable {

  /** The state of a log with no lines. */
  public static final LogState EMPTY = new LogState(0);

  /** The state after {@code entry} (pure: this state is left as it is). */
  public LogState plus(LogEntry entry) {
    return new LogState(Math.max(lastSeq, entry.seq()));
  }
}
