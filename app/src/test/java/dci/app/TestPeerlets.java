package dci.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.actors.peerlet.PeerletApi;
import dci.actors.peerlet.PeerletMessage;
import dci.actors.peerlet.PeerletRegistry;
import dci.actors.peerlet.PeerletType;
import dci.actors.router.Undeliverable;
import dci.app.node.BladeNode;
import dci.protocol.auth.Role;
import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Peerlet types for tests only, registered beside the built-in ones:
 * {@code meta} replies with what it saw of the envelope (ttl, hops, instance, blade, a
 * per-instance counter); {@code slow} becomes ready 1 s after it starts and replies with the
 * payload; {@code crashy} throws on payload "boom" and otherwise replies with how many
 * envelopes this incarnation has seen; {@code fanout} on {@code {"role": R}} multicasts a
 * hello to role R through its API and answers {@code {"heard": true}} with the blades that
 * answered the hello and the undeliverable notices it got.
 */
public final class TestPeerlets {
  private TestPeerlets() {}

  public static PeerletRegistry registry() {
    return BladeNode.defaultRegistry()
        .register(new PeerletType("meta", Role.VIEWER, TestPeerlets::meta))
        .register(new PeerletType("slow", Role.VIEWER, TestPeerlets::slow))
        .register(new PeerletType("crashy", Role.VIEWER, TestPeerlets::crashy))
        .register(new PeerletType("fanout", Role.VIEWER, TestPeerlets::fanout));
  }

  private static Behavior<PeerletMessage> meta(PeerletApi api) {
    api.ready();
    int[] count = {0};
    return Behaviors.receive(PeerletMessage.class).onMessage(PeerletMessage.Incoming.class, m -> {
      if (Undeliverable.is(m.envelope())) {
        return Behaviors.same();
      }
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      n.put("ttl", m.envelope().ttl());
      n.put("hops", m.envelope().hops());
      n.put("instance", api.instance());
      n.put("blade", api.blade());
      n.put("count", ++count[0]);
      api.reply(m.envelope(), n);
      return Behaviors.same();
    }).build();
  }

  private static Behavior<PeerletMessage> slow(PeerletApi api) {
    return Behaviors.withTimers(timers -> {
      timers.startSingleTimer(new PeerletMessage.Tick("ready"), Duration.ofSeconds(1));
      return Behaviors.receive(PeerletMessage.class)
          .onMessage(PeerletMessage.Tick.class, t -> {
            api.ready();
            return Behaviors.same();
          })
          .onMessage(PeerletMessage.Incoming.class, m -> {
            api.reply(m.envelope(), m.envelope().payload());
            return Behaviors.same();
          })
          .build();
    });
  }

  private static Behavior<PeerletMessage> crashy(PeerletApi api) {
    api.ready();
    int[] seen = {0};
    return Behaviors.receive(PeerletMessage.class).onMessage(PeerletMessage.Incoming.class, m -> {
      if (Undeliverable.is(m.envelope())) {
        return Behaviors.same();
      }
      if ("boom".equals(m.envelope().payload().asText())) {
        throw new IllegalStateException("boom, as asked");
      }
      api.reply(m.envelope(), JsonNodeFactory.instance.numberNode(++seen[0]));
      return Behaviors.same();
    }).build();
  }

  private static Behavior<PeerletMessage> fanout(PeerletApi api) {
    api.ready();
    java.util.Set<String> heard = new java.util.TreeSet<>();
    java.util.List<String> refused = new java.util.ArrayList<>();
    return Behaviors.receive(PeerletMessage.class).onMessage(PeerletMessage.Incoming.class, m -> {
      var e = m.envelope();
      var p = e.payload();
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      if (Undeliverable.is(e)) {
        refused.add(Undeliverable.reason(e));
      } else if (p.has("role")) {
        api.multicastToRole(p.get("role").asText(), n.put("hello", api.blade()));
        api.reply(e, JsonNodeFactory.instance.objectNode().put("sent", true));
      } else if (p.has("hello")) {
        api.reply(e, n.put("here", api.blade()));
      } else if (p.has("here")) {
        heard.add(p.get("here").asText());
      } else if (p.has("heard")) {
        heard.forEach(n.putArray("heard")::add);
        refused.forEach(n.putArray("refused")::add);
        api.reply(e, n);
      }
      return Behaviors.same();
    }).build();
  }
}
