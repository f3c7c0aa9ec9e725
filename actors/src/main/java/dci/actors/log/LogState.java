package dci.actors.log;

import dci.protocol.DciSerializable;
import java.util.EnumMap;
import java.util.Map;

/**
 * The message log's state, and its snapshot: the last sequence number and how many lines
 * were logged per {@link Direction}. Never the lines themselves: those stay in the journal.
 *
 * @param lastSeq sequence number of the newest line (0: none yet)
 * @param sent lines {@link Direction#SENT}
 * @param received lines {@link Direction#RECEIVED}
 * @param relayed lines {@link Direction#RELAYED}
 * @param expired lines {@link Direction#EXPIRED}
 * @param undeliverable lines {@link Direction#UNDELIVERABLE}
 */
public record LogState(long lastSeq, long sent, long received, long relayed, long expired, long undeliverable)
    implements DciSerializable {

  /** The state of a log with no lines. */
  public static final LogState EMPTY = new LogState(0, 0, 0, 0, 0, 0);

  /** The state after {@code entry} (pure: this state is left as it is). */
  public LogState plus(LogEntry entry) {
    Direction d = entry.direction();
    return new LogState(
        Math.max(lastSeq, entry.seq()),
        sent + (d == Direction.SENT ? 1 : 0),
        received + (d == Direction.RECEIVED ? 1 : 0),
        relayed + (d == Direction.RELAYED ? 1 : 0),
        expired + (d == Direction.EXPIRED ? 1 : 0),
        undeliverable + (d == Direction.UNDELIVERABLE ? 1 : 0));
  }

  /** Lines logged with direction {@code d}. */
  public long count(Direction d) {
    return switch (d) {
      case SENT -> sent;
      case RECEIVED -> received;
      case RELAYED -> relayed;
      case EXPIRED -> expired;
      case UNDELIVERABLE -> undeliverable;
    };
  }

  /** Lines per direction, every direction present. */
  public Map<Direction, Long> counts() {
    Map<Direction, Long> m = new EnumMap<>(Direction.class);
    for (Direction d : Direction.values()) {
      m.put(d, count(d));
    }
    return m;
  }
}
