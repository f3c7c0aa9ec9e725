package dci.app.peerlets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.actors.peerlet.InstanceBudget;
import dci.actors.peerlet.PeerletApi;
import dci.actors.peerlet.PeerletMessage;
import dci.actors.peerlet.PeerletType;
import dci.protocol.Json;
import dci.protocol.auth.Role;
import dci.protocol.messaging.ChatHistory;
import dci.protocol.messaging.ChatReply;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.Behavior;

/**
 * {@code chat}: the seed's collaborative sessions. Each session GUID is its own instance on
 * every member blade, so several sessions (the whole team, and a private pair) stay active
 * and separate. Ops: {@code open} {members}, {@code join} {user}, {@code say} {user, text},
 * {@code history}. What a session keeps (its last {@value #HISTORY} lines, its users) counts
 * against the instance's byte budget: a line or user that would take it over is refused.
 */
public final class ChatPeerlet {
  public static final String APP = "chat";
  static final int HISTORY = 1000;

  private ChatPeerlet() {}

  public static PeerletType type() {
    return new PeerletType(APP, Role.VIEWER, ChatPeerlet::create);
  }

  static Behavior<PeerletMessage> create(PeerletApi api) {
    Session session = new Session(api);
    ArrayDeque<ObjectNode> history = new ArrayDeque<>();
    Set<String> users = new LinkedHashSet<>();
    return session.behavior(APP, "open, join, say or history",
        () -> payload(new ChatReply(true, api.instance(), api.blade(), session.members(), null, null)),
        (op, e, p) -> {
          switch (op) {
            case "join" -> {
              String user = p.path("user").asText("anonymous");
              long kept = users.contains(user) ? 0 : InstanceBudget.sizeOf(user);
              if (!session.admit(e, kept + session.holdCost(e, null), 0)) {
                return true;
              }
              users.add(user);
              session.budget().take(kept);
              session.relay(e);
              session.answer(e, payload(ChatReply.ok(api.instance(), api.blade())));
            }
            case "say" -> {
              if (!p.path("text").isTextual()) {
                session.answer(e, Session.error("say needs a text"));
                return true;
              }
              ObjectNode line = JsonNodeFactory.instance.objectNode();
              line.put("user", p.path("user").asText("anonymous"));
              line.put("text", p.get("text").asText());
              line.put("at", session.relayed(e) && p.hasNonNull("at") ? p.get("at").asText() : Instant.now().toString());
              line.put("from", session.origin(e));
              String user = line.get("user").asText();
              ObjectNode extra = JsonNodeFactory.instance.objectNode().put("at", line.get("at").asText());
              long kept = InstanceBudget.sizeOf(line) + (users.contains(user) ? 0 : InstanceBudget.sizeOf(user));
              long dropped = history.size() >= HISTORY ? InstanceBudget.sizeOf(history.peekFirst()) : 0;
              if (!session.admit(e, kept + session.holdCost(e, extra), dropped)) {
                return true; // refused: the history stays as it was
              }
              history.addLast(line);
              if (history.size() > HISTORY) {
                history.removeFirst();
              }
              users.add(user);
              session.budget().take(kept);
              session.budget().give(dropped);
              session.relay(e, extra);
              session.answer(e, payload(new ChatReply(true, api.instance(), api.blade(), null, history.size(), null)));
            }
            case "history" -> {
              List<ChatHistory.ChatLine> lines = history.stream()
                  .map(l -> Json.mapper().convertValue(l, ChatHistory.ChatLine.class)).toList();
              session.answer(e, payload(new ChatHistory(true, api.instance(), api.blade(), session.members(),
                  List.copyOf(users), lines, null)));
            }
            default -> {
              return false;
            }
          }
          return true;
        });
  }

  private static JsonNode payload(Object reply) {
    return Json.mapper().valueToTree(reply);
  }
}
