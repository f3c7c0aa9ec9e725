package dci.hardware.port;

import dci.protocol.DciSerializable;
import java.util.EnumMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One user's desk as it reaches this blade: where the switch routes it, and what flows on its
 * channels (keyboard and mouse in, display out) through sessions opened here. A child of the
 * blade's {@link PeripheralSwitch}.
 */
public final class PeripheralPort extends AbstractBehavior<PeripheralPort.Command> {
  public interface Command {}

  /** The channels of a desk. */
  public enum Channel { keyboard, mouse, display }

  /** The switch routed the port (again). */
  public record Routed(PortRoute route) implements Command {}

  /** A session opened or closed on this blade. */
  public record Session(boolean opened) implements Command {}

  /** Bytes that went through one channel. */
  public record Traffic(Channel channel, long bytes) implements Command {}

  public record GetPort(ActorRef<PortView> replyTo) implements Command {}

  /** The port as seen from this blade. */
  public record PortView(PortRoute route, int openSessions, long sessions, Map<Channel, Long> bytes)
      implements DciSerializable {}

  private PortRoute route;
  private int open;
  private long sessions;
  private final Map<Channel, Long> bytes = new EnumMap<>(Channel.class);

  public static Behavior<Command> create(PortRoute route) {
    return Behaviors.setup(ctx -> new PeripheralPort(ctx, route));
  }

  private PeripheralPort(ActorContext<Command> ctx, PortRoute route) {
    super(ctx);
    this.route = route;
    for (Channel c : Channel.values()) {
      bytes.put(c, 0L);
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Routed.class, this::onRouted)
        .onMessage(Session.class, this::onSession)
        .onMessage(Traffic.class, this::onTraffic)
        .onMessage(GetPort.class, this::onGetPort)
        .build();
  }

  private Behavior<Command> onRouted(Routed m) {
    route = m.route();
    return this;
  }

  private Behavior<Command> onSession(Session m) {
    if (m.opened()) {
      open++;
      sessions++;
    } else {
      open = Math.max(0, open - 1);
    }
    return this;
  }

  private Behavior<Command> onTraffic(Traffic m) {
    bytes.merge(m.channel(), m.bytes(), Long::sum);
    return this;
  }

  private Behavior<Command> onGetPort(GetPort m) {
    m.replyTo().tell(new PortView(route, open, sessions, Map.copyOf(bytes)));
    return this;
  }
}
