package dci.actors.log;

import java.time.Instant;
import java.util.UUID;

/**
 * Filter of a log query, and which page of its matches; null fields match everything. The
 * matches come oldest first (journal order), or in the order of {@code sort} when given.
 *
 * <p>Without {@code after}: the newest {@code limit} matches (older than {@code before}, when
 * given). With {@code after}: the oldest {@code limit} matches newer than it (and older than
 * {@code before}, when given). {@link #ALL} takes every match in the range (an export).
 *
 * @param appType envelope app type
 * @param sender sending blade
 * @param receiver a recipient blade
 * @param since logged at or after
 * @param until logged before
 * @param envelopeId one envelope
 * @param limit at most this many, or {@link #ALL}
 * @param after only lines whose seq is above this
 * @param before only lines whose seq is below this
 * @param sort the order of the answer; null: log order
 */
public record LogQuery(
    String appType, String sender, String receiver, Instant since, Instant until, UUID envelopeId,
    int limit, Long after, Long before, LogSort sort) {

  /** A limit meaning every match. */
  public static final int ALL = Integer.MAX_VALUE;

  /** The most lines a sorted answer holds (sorted in memory). */
  public static final int MAX_SORTED = 10_000;

  public LogQuery {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    if (sort != null && limit > MAX_SORTED) {
      throw new IllegalArgumentException("a sorted answer holds at most " + MAX_SORTED
          + " lines: give a limit of at most that");
    }
  }

  /** In log order. */
  public LogQuery(String appType, String sender, String receiver, Instant since, Instant until, UUID envelopeId,
      int limit, Long after, Long before) {
    this(appType, sender, receiver, since, until, envelopeId, limit, after, before, null);
  }

  /** The newest {@code limit} matches of the whole log. */
  public LogQuery(String appType, String sender, String receiver, Instant since, Instant until, UUID envelopeId,
      int limit) {
    this(appType, sender, receiver, since, until, envelopeId, limit, null, null);
  }

  /** True when the page is read forward from {@link #after} rather than back from the end. */
  boolean forward() {
    return after != null;
  }
}
