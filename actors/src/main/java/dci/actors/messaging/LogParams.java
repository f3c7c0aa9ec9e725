package dci.actors.messaging;

import dci.actors.log.LogQuery;
import dci.actors.log.LogSort;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

/**
 * The query parameters of {@code GET /api/log} and {@code GET /api/log/export}: filters
 * ({@code app, sender, receiver, since, until, id}), cursors ({@code after, before}: line seqs),
 * {@code limit} and {@code sort} (time, app, sender, receiver or id: the order of the lines picked;
 * an export sorts at most {@link LogQuery#MAX_SORTED}). Refuses malformed values with a message
 * for the caller.
 */
final class LogParams {
  /** Lines on one page at most. */
  static final int MAX_PAGE = 1000;
  /** Lines on a page that names no limit. */
  static final int DEFAULT_PAGE = 100;

  private LogParams() {}

  /** A page: at most {@link #MAX_PAGE} lines, {@link #DEFAULT_PAGE} unless {@code limit} says. */
  static LogQuery page(Map<String, String> p) {
    return query(p, limit(p, DEFAULT_PAGE, MAX_PAGE));
  }

  /** An export: every match, or the newest {@code limit} (any number) when given. */
  static LogQuery export(Map<String, String> p) {
    return query(p, limit(p, LogQuery.ALL, LogQuery.ALL));
  }

  /** {@code xml} or {@code json} (the default). */
  static boolean xml(Map<String, String> p) {
    String f = p.getOrDefault("format", "json");
    if (!f.equalsIgnoreCase("json") && !f.equalsIgnoreCase("xml")) {
      throw new IllegalArgumentException("format must be json or xml");
    }
    return f.equalsIgnoreCase("xml");
  }

  private static LogQuery query(Map<String, String> p, int limit) {
    UUID id = null;
    if (p.containsKey("id")) {
      try {
        id = UUID.fromString(p.get("id"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("id must be an envelope id (UUID)");
      }
    }
    return new LogQuery(blankToNull(p.get("app")), blankToNull(p.get("sender")), blankToNull(p.get("receiver")),
        instant(p, "since"), instant(p, "until"), id, limit, seq(p, "after"), seq(p, "before"),
        p.containsKey("sort") ? LogSort.parse(p.get("sort")) : null);
  }

  private static int limit(Map<String, String> p, int fallback, int max) {
    if (!p.containsKey("limit")) {
      return fallback;
    }
    int limit;
    try {
      limit = Integer.parseInt(p.get("limit"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit must be a number");
    }
    if (limit < 1 || limit > max) {
      throw new IllegalArgumentException("limit must be between 1 and " + max);
    }
    return limit;
  }

  private static Long seq(Map<String, String> p, String key) {
    String v = p.get(key);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      long seq = Long.parseLong(v);
      if (seq < 0) {
        throw new NumberFormatException();
      }
      return seq;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a line's seq (a number, 0 or more)");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static Instant instant(Map<String, String> p, String key) {
    String v = p.get(key);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + " must be an ISO-8601 instant, e.g. 2026-11-25T08:00:00Z");
    }
  }
}
