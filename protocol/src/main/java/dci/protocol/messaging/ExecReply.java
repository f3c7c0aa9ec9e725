package dci.protocol.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.Json;
import java.util.Optional;

/**
 * The payload of the {@code exec} app's reply (in {@link SendResult#replies()}, and a task step's
 * {@code reply}): how the program ended and what it wrote.
 *
 * @param blade the blade it ran on
 * @param exitCode its exit code; -1 when it could not run
 * @param truncated true when its output was longer than the cap and was cut
 * @param timedOut true when it was stopped at its time limit
 * @param error why it could not run or was stopped; left out when it ran
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecReply(String blade, int exitCode, String stdout, String stderr, boolean truncated,
    boolean timedOut, long durationMs, @JsonInclude(JsonInclude.Include.NON_NULL) String error) {
  private static final String MARK = "stdout";

  /** The exec reply {@code payload} is, or empty when it is some other app's (one without {@code stdout}). */
  public static Optional<ExecReply> of(JsonNode payload) {
    if (payload == null || !payload.isObject() || !payload.has(MARK)) {
      return Optional.empty();
    }
    return Optional.of(Json.mapper().convertValue(payload, ExecReply.class));
  }

  /** The reply as a payload. */
  public JsonNode toPayload() {
    return Json.mapper().valueToTree(this);
  }
}
