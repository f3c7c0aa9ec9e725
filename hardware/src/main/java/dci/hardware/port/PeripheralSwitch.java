package dci.hardware.port;

import dci.hardware.ReplicatedMap;
import dci.protocol.DciSerializable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * The peripheral switch as every blade runs it: the port table (user → blade) is a map
 * replicated to all blades ({@value #PORT_MAP}, durable), so any blade routes any desk and the
 * switch has no single point of failure. Keeps one {@link PeripheralPort} child per user.
 */
public final class PeripheralSwitch extends AbstractBehavior<PeripheralSwitch.Command> {
  public interface Command {}

  /** Where {@code user}'s port is routed; {@code fresh} reads from a majority first. */
  public record Lookup(String user, boolean fresh, ActorRef<Routed> replyTo) implements Command, DciSerializable {}

  /** Routes {@code user}'s port to {@code blade} (stored on a majority before the answer). */
  public record Assign(String user, String blade, String reason, ActorRef<Routed> replyTo)
      implements Command, DciSerializable {}

  /**
   * The whole table; {@code fresh}: as a majority holds it (what any blade lists right after a
   * switch written to a majority elsewhere; this blade's own copy if no majority answers), else
   * this blade's own copy at once.
   */
  public record ListPorts(boolean fresh, ActorRef<Table> replyTo) implements Command, DciSerializable {
    public ListPorts(ActorRef<Table> replyTo) {
      this(false, replyTo);
    }
  }

  /** Tells the local port of {@code user} about a session or traffic. */
  public record ToPort(String user, PeripheralPort.Command message) implements Command {}

  /** The route, null when the user has no port; {@code error} when a write failed. */
  public record Routed(String user, PortRoute route, String error) implements DciSerializable {}

  public record Table(List<PortRoute> routes) implements DciSerializable {}

  private record Changed(Map<String, PortRoute> table) implements Command {}

  /** A majority's table, read for {@code request} (a fresh {@link Lookup} or a {@link ListPorts}). */
  private record Read(Map<String, PortRoute> table, Throwable error, Command request) implements Command {}

  private record Written(PortRoute route, Throwable error, ActorRef<Routed> replyTo) implements Command {}

  public static final String PORT_MAP = "dci-ports";

  private final ReplicatedMap<PortRoute> ports;
  private final Map<String, ActorRef<PeripheralPort.Command>> children = new HashMap<>();
  private Map<String, PortRoute> table = Map.of();

  public static Behavior<Command> create(Duration writeTimeout) {
    return Behaviors.setup(ctx -> new PeripheralSwitch(ctx, writeTimeout));
  }

  @SuppressWarnings("unchecked")
  private PeripheralSwitch(ActorContext<Command> ctx, Duration writeTimeout) {
    super(ctx);
    this.ports = new ReplicatedMap<>(ctx.getSystem(), PORT_MAP, writeTimeout);
    ActorRef<Replicator.SubscribeResponse<LWWMap<String, PortRoute>>> adapter = ctx.messageAdapter(
        (Class<Replicator.SubscribeResponse<LWWMap<String, PortRoute>>>) (Class<?>) Replicator.SubscribeResponse.class,
        rsp -> rsp instanceof Replicator.Changed<LWWMap<String, PortRoute>> c
            ? new Changed(c.get(ports.key()).getEntries()) : new Changed(null));
    DistributedData.get(ctx.getSystem()).replicator().tell(new Replicator.Subscribe<>(ports.key(), adapter));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Lookup.class, this::onLookup)
        .onMessage(Read.class, this::onRead)
        .onMessage(Assign.class, this::onAssign)
        .onMessage(Written.class, this::onWritten)
        .onMessage(ListPorts.class, this::onList)
        .onMessage(ToPort.class, this::onToPort)
        .onMessage(Changed.class, this::onChanged)
        .build();
  }

  private Behavior<Command> onLookup(Lookup m) {
    if (!m.fresh()) {
      m.replyTo().tell(new Routed(m.user(), table.get(m.user()), null));
      return this;
    }
    getContext().pipeToSelf(ports.allFromMajority(), (t, err) -> new Read(t, err, m));
    return this;
  }

  private Behavior<Command> onRead(Read m) {
    if (m.table() != null) {
      adopt(m.table());
    }
    if (m.request() instanceof Lookup l) {
      l.replyTo().tell(new Routed(l.user(), table.get(l.user()), null));
    } else if (m.request() instanceof ListPorts l) {
      l.replyTo().tell(new Table(sorted()));
    }
    return this;
  }

  private Behavior<Command> onAssign(Assign m) {
    PortRoute route = new PortRoute(m.user(), PortRoute.portOf(m.user()), m.blade(), Clock.systemUTC().instant(),
        m.reason());
    getContext().pipeToSelf(ports.put(m.user(), route), (r, err) -> new Written(route, err, m.replyTo()));
    return this;
  }

  private Behavior<Command> onWritten(Written m) {
    if (m.error() != null) {
      m.replyTo().tell(new Routed(m.route().user(), null, "the port table was not updated: " + m.error().getMessage()));
      return this;
    }
    Map<String, PortRoute> next = new HashMap<>(table);
    next.put(m.route().user(), m.route());
    adopt(next);
    m.replyTo().tell(new Routed(m.route().user(), m.route(), null));
    return this;
  }

  private Behavior<Command> onList(ListPorts m) {
    if (!m.fresh()) {
      m.replyTo().tell(new Table(sorted()));
      return this;
    }
    getContext().pipeToSelf(ports.allFromMajority(), (t, err) -> new Read(t, err, m));
    return this;
  }

  private List<PortRoute> sorted() {
    List<PortRoute> rows = new ArrayList<>(table.values());
    rows.sort(java.util.Comparator.comparing(PortRoute::user));
    return rows;
  }

  private Behavior<Command> onToPort(ToPort m) {
    ActorRef<PeripheralPort.Command> port = children.get(m.user());
    if (port != null) {
      port.tell(m.message());
    }
    return this;
  }

  private Behavior<Command> onChanged(Changed m) {
    if (m.table() != null) {
      adopt(m.table());
    }
    return this;
  }

  /** Takes a newer table: routes change only forward in time (a late gossip never undoes a switch). */
  private void adopt(Map<String, PortRoute> seen) {
    Map<String, PortRoute> next = new HashMap<>(table);
    seen.forEach((user, route) -> next.merge(user, route,
        (mine, theirs) -> theirs.since().isBefore(mine.since()) ? mine : theirs));
    table = Map.copyOf(next);
    table.forEach((user, route) -> {
      ActorRef<PeripheralPort.Command> port = children.get(user);
      if (port == null) {
        children.put(user, getContext().spawn(PeripheralPort.create(route), PortRoute.portOf(user)));
      } else {
        port.tell(new PeripheralPort.Routed(route));
      }
    });
  }
}
