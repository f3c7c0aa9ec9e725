package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.protocol.Json;
import java.util.Arrays;
import java.util.List;

/** Builds the JSON envelopes the CLI posts to {@code /api/envelopes}. */
final class Envelopes {
  private Envelopes() {}

  /** {@code to}: a blade, {@code all}, {@code any}, or a comma-separated list of blades. */
  static ObjectNode recipients(String to) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    if (to == null || to.isBlank() || to.equals("any")) {
      r.put("mode", "ANY");
    } else if (to.equals("all")) {
      r.put("mode", "ALL");
    } else {
      List<String> blades = Arrays.stream(to.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      r.put("mode", blades.size() == 1 ? "BLADE" : "MULTICAST");
      ArrayNode list = r.putArray("blades");
      blades.forEach(list::add);
    }
    return r;
  }

  static ObjectNode envelope(String app, String instance, String to, Integer ttl, JsonNode payload) {
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    e.put("appType", app);
    if (instance != null) {
      e.put("instance", instance);
    }
    e.set("to", recipients(to));
    if (ttl != null) {
      e.put("ttl", ttl);
    }
    e.set("payload", payload);
    return e;
  }

  /** A payload argument: JSON when it parses as an object or array, else the text itself. */
  static JsonNode payload(String text) {
    String t = text.strip();
    if (t.startsWith("{") || t.startsWith("[")) {
      try {
        return Json.mapper().readTree(t);
      } catch (java.io.IOException notJson) {
        // fall through: plain text
      }
    }
    return JsonNodeFactory.instance.textNode(text);
  }

  /** True when a reply is an undeliverable notice. */
  static boolean undeliverable(JsonNode reply) {
    return reply.path("payload").has("undeliverable");
  }
}
