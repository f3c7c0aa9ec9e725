package dci.app.peerlets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.actors.peerlet.PeerletApi;
import dci.actors.router.Undeliverable;
import dci.protocol.envelope.Envelope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the collaborative peerlets (chat, whiteboard) share: one instance per session GUID on
 * each member blade, the member list, and relaying a change to the other members exactly
 * once (relayed copies carry {@code "relayed": true} and are never relayed again).
 */
final class Session {
  private final PeerletApi api;
  private final Set<String> members = new LinkedHashSet<>();

  Session(PeerletApi api) {
    this.api = api;
  }

  /** True for envelopes a session must not answer: notices, replies, relayed copies. */
  static boolean quiet(Envelope e) {
    return Undeliverable.is(e) || e.correlationId() != null || relayed(e);
  }

  static boolean relayed(Envelope e) {
    return e.payload() != null && e.payload().path("relayed").asBoolean(false);
  }

  /** Sets the members from an {@code open} payload; this blade is always one. */
  void open(JsonNode payload) {
    members.clear();
    payload.path("members").forEach(m -> members.add(m.asText()));
    members.add(api.blade());
  }

  List<String> members() {
    return List.copyOf(members);
  }

  ArrayNode membersJson() {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    members.forEach(a::add);
    return a;
  }

  /** Sends a relayed copy of {@code payload} to every other member, unless it is itself a copy. */
  void relay(Envelope e) {
    if (relayed(e)) {
      return;
    }
    List<String> others = new ArrayList<>(members);
    others.remove(api.blade());
    if (others.isEmpty()) {
      return;
    }
    ObjectNode copy = ((ObjectNode) e.payload()).deepCopy();
    copy.put("relayed", true);
    copy.put("origin", e.sender() == null ? api.blade() : e.sender().blade());
    api.multicast(others, copy);
  }

  /** Replies to an operator's or peer's request (never to relayed copies or replies). */
  void answer(Envelope e, JsonNode payload) {
    if (!quiet(e)) {
      api.reply(e, payload);
    }
  }

  static ObjectNode error(String message) {
    return JsonNodeFactory.instance.objectNode().put("error", message);
  }
}
