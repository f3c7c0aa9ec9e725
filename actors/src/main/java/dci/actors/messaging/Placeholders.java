package dci.actors.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feeds earlier replies into a step's payload: {@code ${previous}}, {@code ${previous.FIELD}},
 * {@code ${steps.N}} and {@code ${steps.N.FIELD}} (N 1-based) in any text of the payload. A text
 * that is exactly one placeholder takes the referenced value as it is (object, number...);
 * otherwise the value's text is spliced in.
 */
final class Placeholders {
  private static final Pattern REF = Pattern.compile("\\$\\{(previous|steps\\.(\\d{1,3}))(?:\\.([A-Za-z0-9_-]+))?}");

  private Placeholders() {}

  static JsonNode fill(JsonNode payload, List<JsonNode> replies) {
    if (payload == null) {
      return null;
    }
    if (payload.isTextual()) {
      return text(payload.asText(), replies);
    }
    if (payload.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> it = payload.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(e.getKey(), fill(e.getValue(), replies));
      }
      return out;
    }
    if (payload.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      payload.forEach(v -> out.add(fill(v, replies)));
      return out;
    }
    return payload;
  }

  private static JsonNode text(String s, List<JsonNode> replies) {
    Matcher m = REF.matcher(s);
    if (m.matches()) {
      return resolve(m, replies);
    }
    StringBuilder out = new StringBuilder();
    m.reset();
    while (m.find()) {
      JsonNode v = resolve(m, replies);
      m.appendReplacement(out, Matcher.quoteReplacement(v.isTextual() ? v.asText() : v.isNull() ? "" : v.toString()));
    }
    m.appendTail(out);
    return JsonNodeFactory.instance.textNode(out.toString());
  }

  private static JsonNode resolve(Matcher m, List<JsonNode> replies) {
    int index = m.group(2) == null ? replies.size() : Integer.parseInt(m.group(2));
    if (index < 1 || index > replies.size()) {
      throw new IllegalArgumentException("placeholder " + m.group() + " refers to a step that has not run");
    }
    JsonNode v = replies.get(index - 1);
    if (m.group(3) != null) {
      v = v == null ? null : v.get(m.group(3));
    }
    return v == null ? JsonNodeFactory.instance.nullNode() : v;
  }
}
