package dci.protocol.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.Json;
import java.util.List;

/**
 * The payload of an envelope to the {@code chat} app (and, for {@code open}, the
 * {@code whiteboard} app): one op and what it needs. Answered with {@link ChatReply} (or
 * {@link ChatHistory} to {@code history}).
 *
 * @param op {@code open}, {@code join}, {@code say} or {@code history}
 * @param members the session's member blades (to {@code open})
 * @param user the name to show (to {@code join} and {@code say})
 * @param text what is said (to {@code say})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatRequest(String op, List<String> members, String user, String text) {

  public static ChatRequest open(List<String> members) {
    return new ChatRequest("open", List.copyOf(members), null, null);
  }

  public static ChatRequest join(String user) {
    return new ChatRequest("join", null, user, null);
  }

  public static ChatRequest say(String user, String text) {
    return new ChatRequest("say", null, user, text);
  }

  public static ChatRequest history() {
    return new ChatRequest("history", null, null, null);
  }

  /** The request as an envelope payload. */
  public JsonNode toPayload() {
    return Json.mapper().valueToTree(this);
  }
}
