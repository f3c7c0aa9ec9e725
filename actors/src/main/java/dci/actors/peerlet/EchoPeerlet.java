package dci.actors.peerlet;

import dci.protocol.auth.Role;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** {@code echo}: replies to every envelope with its payload (tests and benchmarks). */
public final class EchoPeerlet {
  public static final String APP = "echo";

  private EchoPeerlet() {}

  public static PeerletType type() {
    return new PeerletType(APP, Role.OPERATOR, EchoPeerlet::create);
  }

  static Behavior<PeerletMessage> create(PeerletApi api) {
    api.ready();
    return Behaviors.receive(PeerletMessage.class)
        .onMessage(PeerletMessage.Incoming.class, m -> {
          if (!dci.actors.router.Undeliverable.is(m.envelope())) {
            api.reply(m.envelope(), m.envelope().payload());
          }
          return Behaviors.same();
        })
        .build();
  }
}
