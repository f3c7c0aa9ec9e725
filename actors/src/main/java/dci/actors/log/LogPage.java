package dci.actors.log;

/**
 * One page of a {@link LogQuery}, found but not read yet: its matches lie between
 * {@code fromSeq} and {@code toSeq} (both included), in journal events up to {@code toEvent}.
 * {@link LogReader#entries} streams them.
 *
 * @param fromSeq the seq of the page's oldest line (or the range's start)
 * @param toSeq the seq of the page's newest line (or the range's end)
 * @param toEvent the newest journal event to read
 * @param nextBefore for the page of older matches, the {@code before} to ask with; null if none
 * @param nextAfter for the page of newer matches, the {@code after} to ask with; null if none
 */
public record LogPage(long fromSeq, long toSeq, long toEvent, Long nextBefore, Long nextAfter) {
  /** A page with nothing on it. */
  public static final LogPage EMPTY = new LogPage(1, 0, 0, null, null);

  public boolean isEmpty() {
    return toSeq < fromSeq || toEvent < 1;
  }
}
