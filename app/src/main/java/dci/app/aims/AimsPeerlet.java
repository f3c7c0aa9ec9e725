package dci.app.aims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.actors.peerlet.PeerletApi;
import dci.actors.peerlet.PeerletMessage;
import dci.actors.peerlet.PeerletType;
import dci.actors.router.Undeliverable;
import dci.protocol.Json;
import dci.protocol.auth.Role;
import dci.protocol.envelope.Envelope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * {@code dci.aims}: the AIMS work a blade does when told by envelope (admins only), so that
 * every step is in the message log and can be replayed on another blade: {@code patch}
 * ({@code {"op":"patch","dryRun":false,"packages":[...]}}), answered with
 * {@code {"ok","upgrades","output"}}. Steps run one at a time, off the actor.
 */
final class AimsPeerlet {
  static final String APP = "dci.aims";

  private record Done(Envelope request, JsonNode reply) implements PeerletMessage {}

  private final PeerletApi api;
  private final HostPatch patch;
  private final ActorContext<PeerletMessage> context;
  private final ArrayDeque<Envelope> queue = new ArrayDeque<>();
  private boolean busy;

  private AimsPeerlet(PeerletApi api, HostPatch patch, ActorContext<PeerletMessage> context) {
    this.api = api;
    this.patch = patch;
    this.context = context;
  }

  static PeerletType type(HostPatch patch) {
    return new PeerletType(APP, Role.ADMIN, api -> Behaviors.setup(context -> {
      api.ready();
      return new AimsPeerlet(api, patch, context).behavior();
    }));
  }

  private Behavior<PeerletMessage> behavior() {
    return Behaviors.receive(PeerletMessage.class)
        .onMessage(PeerletMessage.Incoming.class, m -> {
          if (!Undeliverable.is(m.envelope())) {
            if (queue.size() >= 100) {
              api.reply(m.envelope(), failed("the AIMS queue of " + api.blade() + " is full: try later"));
            } else {
              queue.add(m.envelope());
              next();
            }
          }
          return Behaviors.same();
        })
        .onMessage(Done.class, d -> {
          api.reply(d.request(), d.reply());
          busy = false;
          next();
          return Behaviors.same();
        })
        .build();
  }

  private void next() {
    if (busy || queue.isEmpty()) {
      return;
    }
    busy = true;
    Envelope e = queue.poll();
    JsonNode p = e.payload();
    String op = p == null ? "" : p.path("op").asText("");
    if (!op.equals("patch")) {
      context.getSelf().tell(new Done(e, failed("unknown op '" + dci.protocol.auth.Names.printable(op)
          + "': dci.aims knows patch")));
      return;
    }
    List<String> packages = new ArrayList<>();
    p.path("packages").forEach(n -> packages.add(n.asText()));
    boolean dryRun = p.path("dryRun").asBoolean(false);
    context.pipeToSelf(CompletableFuture.supplyAsync(() -> patch.run(dryRun, packages), api.blockingIo()),
        (o, err) -> new Done(e, err != null ? failed(err.getCause() != null ? err.getCause().getMessage()
            : err.getMessage()) : Json.mapper().valueToTree(o)));
  }

  private static ObjectNode failed(String why) {
    ObjectNode n = JsonNodeFactory.instance.objectNode().put("ok", false).put("output", why);
    n.putArray("upgrades");
    return n;
  }
}
