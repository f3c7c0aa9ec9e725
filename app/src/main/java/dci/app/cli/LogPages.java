package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The newest {@code limit} lines of a blade's log, read as pages of {@code pageSize} (a page is
 * capped by the blade) from the newest back, each asked for with the {@code before} cursor the
 * last one gave, until enough lines or the start of the log.
 */
final class LogPages {
  private LogPages() {}

  /**
   * {@code {"blade", "entries": [...oldest first], "next": {"before": SEQ} | null}}.
   *
   * @param query the filters, as {@code ?k=v&...&} (without limit, before and format)
   */
  static ObjectNode newest(ApiClient client, String query, int limit, int pageSize) {
    Deque<JsonNode> pages = new ArrayDeque<>();
    int have = 0;
    String blade = null;
    JsonNode next = null;
    do {
      int want = Math.min(pageSize, limit - have);
      String cursor = next == null ? "" : "&before=" + next.get("before").asLong();
      JsonNode page = client.get("/api/log" + query + "format=json&limit=" + want + cursor);
      blade = page.path("blade").asText(blade);
      pages.push(page.path("entries"));
      have += page.path("entries").size();
      next = page.hasNonNull("next") && page.get("next").has("before") ? page.get("next") : null;
    } while (next != null && have < limit);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("blade", blade);
    ArrayNode entries = out.putArray("entries");
    // pushed newest first: in the deque's order the oldest page comes first
    pages.forEach(page -> page.forEach(entries::add));
    out.set("next", next == null ? JsonNodeFactory.instance.nullNode() : next);
    return out;
  }
}
