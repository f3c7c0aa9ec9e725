package dci.protocol.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Reply of {@code GET /api/log} (a page) and {@code GET /api/log/export} (every match) as JSON.
 * The blade streams it: {@code entries} come last, written as the log is read.
 *
 * @param blade whose log
 * @param exported when the blade wrote it (left out of pages the CLI put together)
 * @param next the cursor of the next page; null when there is none
 * @param entries the lines, oldest first
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogReply(String blade, @JsonInclude(JsonInclude.Include.NON_NULL) Instant exported, LogCursor next,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<LogLine> entries) {
  /** The head the blade writes before the lines it streams: no {@code entries} yet. */
  public static LogReply head(String blade, Instant exported, LogCursor next) {
    return new LogReply(blade, exported, next, null);
  }
}
