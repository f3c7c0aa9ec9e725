package dci.app.moves;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.actors.log.Direction;
import dci.actors.log.MessageLog;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.time.Instant;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A move's steps in the coordinator's message log, as the seed has every task's messages
 * there: each step is an envelope of app {@code move} (instance: the move's id) from the
 * coordinator to the blade the step ran on, its payload the move, state and what was done.
 * {@code dci log --app move} lists a move's history beside the rest of the blade's traffic.
 */
final class MoveLog {
  static final String APP = "move";

  private MoveLog() {}

  /** Logs step {@code what} of move {@code id} (now in {@code state}) that ran on {@code blade}. */
  static void step(ActorRef<MessageLog.Command> log, String coordinator, String id, String state, String blade,
      String what, Instant at) {
    log.tell(new MessageLog.Append(Direction.SENT, envelope(coordinator, id, state, blade, what, at), "move step"));
  }

  static Envelope envelope(String coordinator, String id, String state, String blade, String what, Instant at) {
    ObjectNode payload = JsonNodeFactory.instance.objectNode()
        .put("move", id).put("state", state).put("blade", blade).put("step", what);
    return new Envelope(UUID.randomUUID(), APP, id, new Sender(coordinator, APP, id), Recipients.blade(blade), 0, 0,
        at, null, null, payload);
  }
}
