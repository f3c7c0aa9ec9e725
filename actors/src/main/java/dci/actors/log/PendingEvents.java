package dci.actors.log;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Journal events handed to the {@link LogIndexer} live and not written to the read side yet, in
 * order, at most {@code maxLines} lines of them: beyond, an event is refused and the indexer
 * reads it back from the journal instead. Not thread-safe: owned by the indexer.
 */
final class PendingEvents {
  private final ArrayDeque<JournalEvents.Event> events = new ArrayDeque<>();
  private final int maxLines;
  private int lines;

  PendingEvents(int maxLines) {
    this.maxLines = maxLines;
  }

  /** Holds {@code e}; false (not held) when that would be more than the lines allowed. */
  boolean offer(JournalEvents.Event e) {
    if (lines + e.lines().size() > maxLines) {
      return false;
    }
    events.addLast(e);
    lines += e.lines().size();
    return true;
  }

  /** Forgets the events up to {@code nr} (indexed already). */
  void dropUpTo(long nr) {
    while (!events.isEmpty() && events.peekFirst().nr() <= nr) {
      lines -= events.pollFirst().lines().size();
    }
  }

  /** The number of the oldest event held; -1 if none. */
  long first() {
    return events.isEmpty() ? -1 : events.peekFirst().nr();
  }

  /** Every event held, oldest first; none held after. */
  List<JournalEvents.Event> drain() {
    List<JournalEvents.Event> out = new ArrayList<>(events);
    events.clear();
    lines = 0;
    return out;
  }
}
