package dci.app.cli;

import dci.protocol.messaging.LogCursor;
import dci.protocol.messaging.LogLine;
import dci.protocol.messaging.LogReply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The newest {@code limit} lines of a blade's log, read as pages of {@code pageSize} (a page is
 * capped by the blade) from the newest back, each asked for with the {@code before} cursor the
 * last one gave, until enough lines or the start of the log.
 */
final class LogPages {
  private LogPages() {}

  /**
   * The pages as one: the blade, its lines oldest first, and the cursor of the page before them
   * (null at the start of the log).
   *
   * @param query the filters, as {@code ?k=v&...&} (without limit, before and format)
   */
  static LogReply newest(ApiClient client, String query, int limit, int pageSize) {
    Deque<List<LogLine>> pages = new ArrayDeque<>();
    int have = 0;
    String blade = null;
    LogCursor next = null;
    do {
      int want = Math.min(pageSize, limit - have);
      String cursor = next == null ? "" : "&before=" + next.before();
      LogReply page = client.get("/api/log" + query + "format=json&limit=" + want + cursor, LogReply.class);
      blade = page.blade() != null ? page.blade() : blade;
      List<LogLine> lines = page.entries() == null ? List.of() : page.entries();
      pages.push(lines);
      have += lines.size();
      next = page.next() != null && page.next().before() != null ? page.next() : null;
    } while (next != null && have < limit);
    List<LogLine> entries = new ArrayList<>();
    // pushed newest first: in the deque's order the oldest page comes first
    pages.forEach(entries::addAll);
    return new LogReply(blade, null, next, entries);
  }
}
