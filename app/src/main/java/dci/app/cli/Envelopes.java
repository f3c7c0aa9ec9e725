package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dci.protocol.Json;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.messaging.UndeliverableNotice;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Builds the envelopes the CLI posts to {@code /api/envelopes}. */
final class Envelopes {
  private Envelopes() {}

  /** {@code to}: a blade, {@code all}, {@code any}, {@code role:R}, or a comma-separated list of blades. */
  static Recipients recipients(String to) {
    if (to != null && to.trim().startsWith("role:")) {
      return Recipients.role(to.trim().substring(5));
    }
    if (to == null || to.isBlank() || to.equals("any")) {
      return Recipients.any();
    }
    if (to.equals("all")) {
      return Recipients.all();
    }
    List<String> blades = Arrays.stream(to.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    return blades.size() == 1 ? Recipients.blade(blades.get(0)) : Recipients.multicast(blades);
  }

  /** An envelope as an operator sends it: the blade fills in id, sender, time and (if left out) TTL. */
  static Envelope envelope(String app, String instance, String to, Integer ttl, JsonNode payload) {
    return new Envelope(null, app, instance, null, recipients(to), ttl, null, null, null, null, payload);
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
  static boolean undeliverable(Envelope reply) {
    return UndeliverableNotice.of(reply).isPresent();
  }

  /** The blade a reply came from, {@code ?} if it gives none. */
  static String from(Envelope reply) {
    return reply.sender() == null || reply.sender().blade() == null ? "?" : reply.sender().blade();
  }

  /** A reply's payload as a line shows it: text as is, JSON as JSON, a notice as its reason. */
  static String shown(Envelope reply) {
    Optional<UndeliverableNotice> notice = UndeliverableNotice.of(reply);
    if (notice.isPresent()) {
      return "undeliverable: " + notice.get().undeliverable();
    }
    JsonNode p = reply.payload();
    return p == null || p.isMissingNode() ? "" : p.isTextual() ? p.asText() : p.toString();
  }
}
