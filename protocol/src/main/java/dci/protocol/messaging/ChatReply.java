package dci.protocol.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The payload of the {@code chat} app's reply to {@code open}, {@code join} and {@code say} (in
 * {@link SendResult#replies()}); a refused op answers {@code {"error"}} alone ({@link PeerletError}).
 *
 * @param session the session's id (the envelope's instance)
 * @param blade the blade whose copy of the session answered
 * @param members the session's member blades (to {@code open})
 * @param messages how many messages the session holds now (to {@code say})
 * @param error why the op was refused
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatReply(boolean ok, String session, String blade,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> members,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer messages,
    @JsonInclude(JsonInclude.Include.NON_NULL) String error) {

  /** A good answer with nothing more to tell (to {@code join}). */
  public static ChatReply ok(String session, String blade) {
    return new ChatReply(true, session, blade, null, null, null);
  }
}
