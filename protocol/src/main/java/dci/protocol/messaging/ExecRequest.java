package dci.protocol.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.Json;
import java.util.List;
import java.util.Map;

/**
 * The payload of an envelope to the {@code exec} app: the program to run on the receiving blade
 * (by an authorised operator only) and how. Answered with {@link ExecReply}.
 *
 * @param command a program name or path
 * @param args its arguments
 * @param stdin what it reads on its standard input (none: {@code /dev/null})
 * @param env variables added to its environment
 * @param cwd its working directory
 * @param timeoutMs its time limit; the blade's default when left out
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecRequest(String command, List<String> args, String stdin, Map<String, String> env,
    String cwd, Long timeoutMs) {

  /** {@code command} with {@code args}, stopped after {@code timeoutMs}. */
  public static ExecRequest of(String command, List<String> args, long timeoutMs) {
    return new ExecRequest(command, List.copyOf(args), null, null, null, timeoutMs);
  }

  /** The request as an envelope payload. */
  public JsonNode toPayload() {
    return Json.mapper().valueToTree(this);
  }
}
