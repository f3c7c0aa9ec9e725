package dci.app.peerlets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.actors.peerlet.InstanceBudget;
import dci.actors.peerlet.PeerletApi;
import dci.actors.router.Undeliverable;
import dci.protocol.Json;
import dci.protocol.envelope.Envelope;
import dci.protocol.messaging.PeerletError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the collaborative peerlets (chat, whiteboard) share: one instance per session GUID on
 * each member blade, the member list, and relaying a change to the other members exactly
 * once (relayed copies carry {@code "relayed": true} and are never relayed again). A copy
 * counts as relayed only when it comes from a peer instance of the same app and session, so
 * an operator cannot forge one. Changes made on a blade before the session's {@code open}
 * reached it are held and relayed once the members are known. The members and the held changes
 * count against the instance's byte budget ({@link #admit}).
 */
final class Session {
  private final PeerletApi api;
  private final InstanceBudget budget;
  private final Set<String> members = new LinkedHashSet<>();
  private final List<Envelope> early = new ArrayList<>();
  private final List<ObjectNode> earlyExtras = new ArrayList<>();
  private long membersBytes;
  private long earlyBytes;
  private boolean opened;

  Session(PeerletApi api) {
    this.api = api;
    this.budget = new InstanceBudget(api.budget());
  }

  /**
   * The instance's budget: the members and the changes held until the session opens are counted
   * in it here; the peerlet counts what it keeps itself (history, strokes).
   */
  InstanceBudget budget() {
    return budget;
  }

  /** What relaying {@code e} would keep: the whole change while the session is not open yet. */
  long holdCost(Envelope e, ObjectNode extra) {
    return opened || relayed(e) ? 0 : InstanceBudget.sizeOf(e.payload()) + InstanceBudget.sizeOf(extra);
  }

  /**
   * True if the state may grow by {@code adding} bytes, letting go of {@code freeing}; else
   * {@code e} is refused (its sender gets an Undeliverable notice with the reason) and the caller
   * must keep nothing of it.
   */
  boolean admit(Envelope e, long adding, long freeing) {
    if (budget.fits(adding, freeing)) {
      return true;
    }
    api.refuse(e, budget.refusal(api, adding, freeing));
    return false;
  }

  /** True for envelopes a session must not answer: notices, replies, relayed copies. */
  boolean quiet(Envelope e) {
    return Undeliverable.is(e) || e.correlationId() != null || relayed(e);
  }

  /** A copy relayed by a peer instance of this app and session (never an operator's envelope). */
  boolean relayed(Envelope e) {
    return e.payload() != null && e.payload().path("relayed").asBoolean(false) && e.sender() != null
        && api.appType().equals(e.sender().appType()) && api.instance().equals(e.sender().instance());
  }

  /** The blade a change was first made on: the relaying blade's word for a copy, else the sender. */
  String origin(Envelope e) {
    if (relayed(e) && e.payload().hasNonNull("origin")) {
      return e.payload().get("origin").asText();
    }
    return e.sender() == null ? api.blade() : e.sender().blade();
  }

  /** The members an {@code open} payload names; this blade is always one. */
  private Set<String> membersOf(JsonNode payload) {
    Set<String> named = new LinkedHashSet<>();
    payload.path("members").forEach(m -> named.add(m.asText()));
    named.add(api.blade());
    return named;
  }

  private static long sizeOf(Set<String> names) {
    return names.stream().mapToLong(InstanceBudget::sizeOf).sum();
  }

  /** Sets the members from an {@code open} payload, and relays the changes held until now. */
  private void open(Set<String> named) {
    budget.give(membersBytes + earlyBytes);
    members.clear();
    members.addAll(named);
    membersBytes = sizeOf(named);
    budget.take(membersBytes);
    opened = true;
    for (int i = 0; i < early.size(); i++) {
      relay(early.get(i), earlyExtras.get(i));
    }
    early.clear();
    earlyExtras.clear();
    earlyBytes = 0;
  }

  List<String> members() {
    return List.copyOf(members);
  }

  ArrayNode membersJson() {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    members.forEach(a::add);
    return a;
  }

  /** Sends a relayed copy of {@code e}'s payload to every other member, unless it is itself a copy. */
  void relay(Envelope e) {
    relay(e, null);
  }

  /** As {@link #relay(Envelope)}, adding {@code extra} fields (e.g. the original time) to the copy. */
  void relay(Envelope e, ObjectNode extra) {
    if (relayed(e)) {
      return;
    }
    if (!opened) {
      long cost = holdCost(e, extra);
      early.add(e);
      earlyExtras.add(extra);
      earlyBytes += cost;
      budget.take(cost);
      return;
    }
    List<String> others = new ArrayList<>(members);
    others.remove(api.blade());
    if (others.isEmpty()) {
      return;
    }
    ObjectNode copy = ((ObjectNode) e.payload()).deepCopy();
    if (extra != null) {
      copy.setAll(extra);
    }
    copy.put("relayed", true);
    copy.put("origin", origin(e));
    api.multicast(others, copy);
  }

  /** Replies to an operator's or peer's request (never to relayed copies or replies). */
  void answer(Envelope e, JsonNode payload) {
    if (!quiet(e)) {
      api.reply(e, payload);
    }
  }

  static JsonNode error(String message) {
    return Json.mapper().valueToTree(new PeerletError(message));
  }

  /** What a collaborative peerlet does with one op; returns false for an op it does not know. */
  interface Ops {
    boolean handle(String op, Envelope e, JsonNode payload);
  }

  /**
   * The behavior every collaborative peerlet shares: ignores notices and replies, handles
   * {@code open} (members, relayed once, answered with {@code onOpen}), hands other ops to
   * {@code ops}, and answers an unknown op with an error naming {@code known}.
   */
  org.apache.pekko.actor.typed.Behavior<dci.actors.peerlet.PeerletMessage> behavior(
      String app, String known, java.util.function.Supplier<JsonNode> onOpen, Ops ops) {
    api.ready();
    return org.apache.pekko.actor.typed.javadsl.Behaviors.receive(dci.actors.peerlet.PeerletMessage.class)
        .onMessage(dci.actors.peerlet.PeerletMessage.Incoming.class, m -> {
          Envelope e = m.envelope();
          if (Undeliverable.is(e) || e.correlationId() != null) {
            return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
          }
          JsonNode p = e.payload() == null ? JsonNodeFactory.instance.objectNode() : e.payload();
          String op = p.path("op").asText();
          if (op.equals("open")) {
            Set<String> named = membersOf(p);
            if (admit(e, sizeOf(named), membersBytes + earlyBytes)) {
              open(named);
              relay(e);
              answer(e, onOpen.get());
            }
          } else if (!ops.handle(op, e, p)) {
            answer(e, error("unknown " + app + " op '" + op + "': " + known));
          }
          return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
        })
        .build();
  }
}
