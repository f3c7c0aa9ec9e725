package dci.protocol.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The payload of the {@code chat} app's reply to {@code history}: the session's members, who has
 * spoken or joined, and its messages, oldest first (at most the last 1000).
 *
 * @param error why the op was refused (then the rest is left out)
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatHistory(boolean ok, String session, String blade, List<String> members, List<String> users,
    List<ChatLine> messages, @JsonInclude(JsonInclude.Include.NON_NULL) String error) {

  /** One message of a session. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ChatLine(String user, String text, String at, String from) {}
}
