package dci.app.cli;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.Json;
import java.util.List;

/**
 * Reads an API reply into the record of its wire contract ({@code dci.protocol.*}), so the
 * commands use accessors, never field names. A reply that does not fit is the blade's fault (or a
 * blade far newer or older than this CLI): a failure naming what did not fit.
 */
final class Wire {
  private Wire() {}

  static <T> T read(JsonNode reply, Class<T> type) {
    return read(reply, Json.mapper().constructType(type), type.getSimpleName());
  }

  /** One line of newline-delimited JSON. */
  static JsonNode tree(String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (java.io.IOException e) {
      throw new CliError(CliError.FAILED, "the DCI API sent a malformed line: " + e.getMessage());
    }
  }

  /** A reply that is a JSON array of {@code type}. */
  static <T> List<T> list(JsonNode reply, Class<T> type) {
    return read(reply, Json.mapper().getTypeFactory().constructCollectionType(List.class, type),
        "a list of " + type.getSimpleName());
  }

  private static <T> T read(JsonNode reply, JavaType type, String what) {
    if (reply == null || reply.isNull()) {
      throw new CliError(CliError.FAILED, "the DCI API sent no answer where " + what + " was expected");
    }
    try {
      return Json.mapper().convertValue(reply, type);
    } catch (IllegalArgumentException e) {
      throw new CliError(CliError.FAILED, "the DCI API sent an answer this CLI cannot read as " + what + ": "
          + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
