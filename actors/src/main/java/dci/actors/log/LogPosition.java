package dci.actors.log;

/**
 * Where a blade's log ends at one moment: what a query may read, so that a page or an export
 * stays the same while more lines arrive.
 *
 * @param lastSeq seq of the newest line (0: none)
 * @param lastEvent journal sequence number of the newest event (each event holds a batch of lines)
 */
public record LogPosition(long lastSeq, long lastEvent) {
  /** The end of an empty (or unavailable) log. */
  public static final LogPosition NONE = new LogPosition(0, 0);
}
