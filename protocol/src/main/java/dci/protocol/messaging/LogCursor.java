package dci.protocol.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where the next page of a log lies: ask {@code GET /api/log} again with {@code before} (older
 * lines) or {@code after} (newer lines); one of the two is given.
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogCursor(Long before, Long after) {
  /** The cursor for the given next page, null when there is none. */
  public static LogCursor of(Long nextBefore, Long nextAfter) {
    if (nextBefore != null) {
      return new LogCursor(nextBefore, null);
    }
    return nextAfter == null ? null : new LogCursor(null, nextAfter);
  }
}
