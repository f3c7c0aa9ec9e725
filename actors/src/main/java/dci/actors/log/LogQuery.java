package dci.actors.log;

import java.time.Instant;
import java.util.UUID;

/**
 * Filter of a log query, and which page of its matches; null fields match everything. The
 * matches come oldest first (journal order).
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
 */
public record LogQuery(
    String appType, String sender, String receiver, Instant since, Instant until, UUID envelopeId,
    int limit, Long after, Long before) {

  /** A limit meaning every match. */
  public static final int ALL = Integer.MAX_VALUE;

  public LogQuery {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
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
