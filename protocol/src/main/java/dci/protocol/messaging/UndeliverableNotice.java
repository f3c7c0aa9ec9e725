package dci.protocol.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.Json;
import dci.protocol.envelope.Envelope;
import java.util.Optional;

/**
 * The payload of a reply telling a sender its envelope could not be delivered (in
 * {@link SendResult#replies()} among the peerlets' replies).
 *
 * @param undeliverable why: unknown blade, no such app, queue full, ...
 * @param envelope the id of the envelope not delivered
 * @param blade the blade that gave up on it
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record UndeliverableNotice(String undeliverable, String envelope, String blade) {
  /** The payload field that marks a notice. */
  public static final String FIELD = "undeliverable";

  /** The notice {@code reply} carries, or empty when it is a peerlet's reply. */
  public static Optional<UndeliverableNotice> of(Envelope reply) {
    JsonNode p = reply == null ? null : reply.payload();
    if (p == null || !p.isObject() || !p.has(FIELD)) {
      return Optional.empty();
    }
    return Optional.of(new UndeliverableNotice(p.get(FIELD).asText(), text(p.get("envelope")), text(p.get("blade"))));
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  /** The notice as a payload. */
  public JsonNode toPayload() {
    return Json.mapper().valueToTree(this);
  }
}
