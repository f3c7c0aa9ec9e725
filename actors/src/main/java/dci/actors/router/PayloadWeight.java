package dci.actors.router;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether a payload is big enough to need Artery's lane for large messages. Walks the tree
 * adding up text and names, and stops as soon as the threshold is passed, so a small payload
 * costs a few steps and a big one no more than the threshold.
 */
final class PayloadWeight {
  /** Payloads heavier than this go on the large-message lane (ordinary frames cap at 256 KiB). */
  static final int LARGE = 100 * 1024;

  private PayloadWeight() {}

  static boolean isLarge(JsonNode payload) {
    if (payload == null) {
      return false;
    }
    long weight = 0;
    ArrayDeque<JsonNode> todo = new ArrayDeque<>();
    todo.push(payload);
    while (!todo.isEmpty()) {
      JsonNode n = todo.pop();
      if (n.isTextual()) {
        weight += n.textValue().length() * 3L; // UTF-8 worst case
      } else if (n.isBinary()) {
        weight += n.asText().length();
      } else if (n.isObject()) {
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          weight += e.getKey().length() + 2;
          todo.push(e.getValue());
        }
      } else if (n.isArray()) {
        n.forEach(todo::push);
      } else {
        weight += 9;
      }
      if (weight > LARGE) {
        return true;
      }
    }
    return false;
  }
}
