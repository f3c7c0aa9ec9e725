package dci.app.peerlets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.actors.peerlet.InstanceBudget;
import dci.actors.peerlet.PeerletApi;
import dci.actors.peerlet.PeerletMessage;
import dci.actors.peerlet.PeerletType;
import dci.protocol.auth.Role;
import java.util.ArrayDeque;
import org.apache.pekko.actor.typed.Behavior;

/**
 * {@code whiteboard}: a shared drawing per session GUID. Ops: {@code open} {members},
 * {@code stroke} {points, color, width, user} (kept and relayed to the members),
 * {@code join} and {@code picture} (a late joiner receives the current picture). The strokes
 * kept (the last {@value #STROKES}) count against the instance's byte budget: a stroke that would
 * take it over is refused and the picture stays as it was.
 */
public final class WhiteboardPeerlet {
  public static final String APP = "whiteboard";
  static final int STROKES = 10_000;

  private WhiteboardPeerlet() {}

  public static PeerletType type() {
    return new PeerletType(APP, Role.VIEWER, WhiteboardPeerlet::create);
  }

  static Behavior<PeerletMessage> create(PeerletApi api) {
    Session session = new Session(api);
    ArrayDeque<JsonNode> strokes = new ArrayDeque<>();
    return session.behavior(APP, "open, stroke, join or picture", () -> picture(api, session, strokes),
        (op, e, p) -> {
          switch (op) {
            case "stroke" -> {
              if (!p.path("points").isArray() || p.path("points").isEmpty()) {
                session.answer(e, Session.error("a stroke needs points: [[x,y],...]"));
                return true;
              }
              ObjectNode s = JsonNodeFactory.instance.objectNode();
              s.set("points", p.get("points"));
              s.put("color", p.path("color").asText("#000000"));
              s.put("width", p.path("width").asInt(1));
              s.put("user", p.path("user").asText("anonymous"));
              long kept = InstanceBudget.sizeOf(s);
              long dropped = strokes.size() >= STROKES ? InstanceBudget.sizeOf(strokes.peekFirst()) : 0;
              if (!session.admit(e, kept + session.holdCost(e, null), dropped)) {
                return true; // refused: the picture stays as it was
              }
              strokes.addLast(s);
              if (strokes.size() > STROKES) {
                strokes.removeFirst();
              }
              session.budget().take(kept);
              session.budget().give(dropped);
              session.relay(e);
              session.answer(e, JsonNodeFactory.instance.objectNode().put("ok", true).put("session", api.instance())
                  .put("strokes", strokes.size()));
            }
            case "join", "picture" -> session.answer(e, picture(api, session, strokes));
            default -> {
              return false;
            }
          }
          return true;
        });
  }

  private static ObjectNode picture(PeerletApi api, Session session, ArrayDeque<JsonNode> strokes) {
    ObjectNode n = JsonNodeFactory.instance.objectNode().put("ok", true).put("session", api.instance())
        .put("blade", api.blade());
    n.set("members", session.membersJson());
    n.set("strokes", JsonNodeFactory.instance.arrayNode().addAll(strokes));
    return n;
  }
}
