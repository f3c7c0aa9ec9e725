package dci.actors.router;

import dci.actors.BladeSettings;
import dci.actors.directory.Directory;
import dci.actors.log.Direction;
import dci.actors.log.MessageLog;
import dci.actors.peerlet.PeerletManager;
import dci.actors.peerlet.PeerletRegistry;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.EnvelopeException;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The blade's router: takes envelopes from the API and from peerlets, journals them, and
 * delivers them locally or to the router of the target blade(s) over Artery. One API for
 * unicast, multicast, broadcast and any-blade-with-the-app. Every blade-to-blade transfer
 * costs one TTL; an envelope with none left expires, and its sender gets an undeliverable
 * notice, as it does for unknown or down recipients.
 */
public final class Router extends AbstractBehavior<Router.Command> {

  /** The router's name under the guardian, hence its path {@code /user/router} on every blade. */
  public static final String NAME = "router";

  /**
   * The name of its twin for big envelopes, {@code /user/router-large}: configured as an Artery
   * large-message destination, so a big envelope never holds up the ordinary lane (heartbeats).
   */
  public static final String LARGE_NAME = "router-large";

  /** Messages the router understands. */
  public interface Command {}

  /**
   * Sends an envelope. With {@code await} above zero the answer carries the replies that come
   * back in time; otherwise it comes at once. {@code replyTo} may be null (peerlets).
   */
  public record Send(Envelope envelope, Duration await, ActorRef<RouteResult> replyTo) implements Command {}

  /**
   * An envelope handed over by another blade's router. It crosses nodes in the compact form of
   * {@link DeliverSerializer} (bound in config), not through the generic Jackson marker.
   */
  public record Deliver(Envelope envelope) implements Command {}

  /** From the peerlet manager: {@code envelope} could not be delivered here. */
  public record Undeliver(Envelope envelope, String reason) implements Command {}

  record CollectorDone(UUID id) implements Command {}

  /** The directory as it is now: which blades are Up, where, and which are unreachable. */
  private record BladesChanged(List<BladeInfo> blades) implements Command {}

  private final String self;
  private final ActorRef<MessageLog.Command> log;
  private final ActorRef<PeerletManager.Command> peerlets;
  private final PeerletRegistry registry;
  private final Clock clock = Clock.systemUTC();
  private final ActorRefResolver resolver;
  private final Map<String, Address> up = new TreeMap<>();
  /** The operator-given roles of each blade Up (for envelopes to {@code role:R}). */
  private final Map<String, java.util.Set<String>> roles = new HashMap<>();
  private final Set<String> unreachable = new HashSet<>();
  private final Map<String, ActorRef<Command>> peers = new HashMap<>();
  private final Map<String, ActorRef<Command>> largePeers = new HashMap<>();
  private final Map<UUID, ActorRef<ReplyCollector.Command>> collectors = new HashMap<>();

  private Router(ActorContext<Command> context, String self, ActorRef<MessageLog.Command> log,
      ActorRef<PeerletManager.Command> peerlets, PeerletRegistry registry, ActorRef<Directory.Command> directory) {
    super(context);
    this.self = self;
    this.log = log;
    this.peerlets = peerlets;
    this.registry = registry;
    this.resolver = ActorRefResolver.get(context.getSystem());
    directory.tell(new Directory.Watch(
        context.messageAdapter(Directory.Blades.class, b -> new BladesChanged(b.blades()))));
  }

  /** The router of blade {@code self}; it learns which blades are Up from {@code directory}. */
  public static Behavior<Command> create(String self, ActorRef<MessageLog.Command> log,
      ActorRef<PeerletManager.Command> peerlets, PeerletRegistry registry, ActorRef<Directory.Command> directory) {
    return Behaviors.setup(context -> new Router(context, self, log, peerlets, registry, directory));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Send.class, this::onSend)
        .onMessage(Deliver.class, this::onDeliver)
        .onMessage(Undeliver.class, m -> {
          undeliverable(m.envelope(), m.reason());
          return this;
        })
        .onMessage(CollectorDone.class, m -> {
          collectors.remove(m.id());
          return this;
        })
        .onMessage(BladesChanged.class, this::onBladesChanged)
        .build();
  }

  // ---- sending

  private Behavior<Command> onSend(Send m) {
    Envelope e;
    try {
      e = m.envelope().completed(new Sender(self, null, null), clock.instant());
    } catch (EnvelopeException refused) {
      getContext().getLog().warn("refused envelope: {}", refused.getMessage());
      if (m.replyTo() != null) {
        Envelope notice = Undeliverable.notice(withId(m.envelope()), self, refused.getMessage(), clock.instant());
        m.replyTo().tell(new RouteResult(notice.correlationId(), m.envelope(), List.of(), List.of(notice), true));
      }
      return this;
    }
    log.tell(new MessageLog.Append(Direction.SENT, e, null));
    List<String> targets = targets(e);
    if (targets.isEmpty() && e.to().mode() == Recipients.Mode.ROLE) {
      String reason = "no Up blade has role '" + e.to().role() + "'";
      if (m.replyTo() != null) {
        log.tell(new MessageLog.Append(Direction.UNDELIVERABLE, e, reason));
        Envelope notice = Undeliverable.notice(e, self, reason, clock.instant());
        m.replyTo().tell(new RouteResult(e.id(), e, List.of(), List.of(notice), true));
      } else if (e.sender() != null && e.sender().appType() != null) {
        undeliverable(e, reason); // a peerlet's multicast to the role: the notice goes back to it
      } else {
        log.tell(new MessageLog.Append(Direction.UNDELIVERABLE, e, reason));
      }
      return this;
    }
    if (m.replyTo() != null) {
      if (m.await() == null || m.await().isZero() || m.await().isNegative()) {
        m.replyTo().tell(new RouteResult(e.id(), e, targets, List.of(), true));
      } else {
        int expected = e.to().mode() == Recipients.Mode.ANY ? 1 : targets.size();
        collectors.put(e.id(), getContext().spawnAnonymous(
            ReplyCollector.create(e, targets, Math.max(expected, 1), m.await(), m.replyTo(), getContext().getSelf())));
      }
    }
    for (String target : targets) {
      route(e, target);
    }
    return this;
  }

  private static Envelope withId(Envelope e) {
    return e.id() != null ? e : new Envelope(UUID.randomUUID(), e.appType(), e.instance(), e.sender(), e.to(), e.ttl(),
        e.hops(), e.created(), e.correlationId(), e.replayOf(), e.payload());
  }

  private List<String> targets(Envelope e) {
    return switch (e.to().mode()) {
      case BLADE, MULTICAST -> e.to().blades();
      case ALL -> new ArrayList<>(routable());
      case ANY -> List.of(anyBladeFor(e.appType()));
      case ROLE -> routable().stream().filter(n -> roles.getOrDefault(n, java.util.Set.of()).contains(e.to().role()))
          .toList();
    };
  }

  private List<String> routable() {
    List<String> names = new ArrayList<>();
    for (String name : up.keySet()) {
      if (!unreachable.contains(name)) {
        names.add(name);
      }
    }
    if (!names.contains(self)) {
      names.add(self);
    }
    names.sort(String::compareTo);
    return names;
  }

  /** This blade if it runs the app type, otherwise the next blade on the ring of Up blades. */
  private String anyBladeFor(String appType) {
    if (registry.find(appType).isPresent()) {
      return self;
    }
    List<String> ring = routable();
    int i = ring.indexOf(self);
    return ring.size() > 1 ? ring.get((i + 1) % ring.size()) : self;
  }

  private void route(Envelope e, String target) {
    if (target.equals(self)) {
      deliverLocally(e);
      return;
    }
    if (!up.containsKey(target)) {
      undeliverable(e, "blade '" + target + "' is unknown or not Up");
      return;
    }
    if (unreachable.contains(target)) {
      undeliverable(e, "blade '" + target + "' is unreachable");
      return;
    }
    if (e.expired()) {
      log.tell(new MessageLog.Append(Direction.EXPIRED, e, "TTL exhausted before reaching " + target));
      undeliverable(e, "TTL expired after " + e.hops() + " hop(s), before reaching " + target);
      return;
    }
    Envelope next = e.relayed();
    (PayloadWeight.isLarge(next.payload()) ? peer(largePeers, target, LARGE_NAME) : peer(peers, target, NAME))
        .tell(new Deliver(next));
  }

  private ActorRef<Command> peer(Map<String, ActorRef<Command>> cache, String name, String path) {
    return cache.computeIfAbsent(name, n -> resolver.resolveActorRef(up.get(n).toString() + "/user/" + path));
  }

  /** The twin at {@code /user/router-large}: hands what arrives on the large lane to the router. */
  public static Behavior<Command> largeLane(ActorRef<Command> router) {
    return Behaviors.receive(Command.class).onAnyMessage(m -> {
      router.tell(m);
      return Behaviors.same();
    }).build();
  }

  // ---- receiving

  private Behavior<Command> onDeliver(Deliver m) {
    Envelope e = m.envelope();
    if (e.to().mode() == Recipients.Mode.ANY && !Envelope.API_APP.equals(e.appType())
        && registry.find(e.appType()).isEmpty()) {
      String next = anyBladeFor(e.appType());
      if (!next.equals(self)) {
        log.tell(new MessageLog.Append(Direction.RELAYED, e, "no '" + e.appType() + "' here; on to " + next));
        route(e, next);
        return this;
      }
    }
    deliverLocally(e);
    return this;
  }

  private void deliverLocally(Envelope e) {
    log.tell(new MessageLog.Append(Direction.RECEIVED, e, null));
    if (e.correlationId() != null && Envelope.API_APP.equals(e.appType())) {
      ActorRef<ReplyCollector.Command> collector = collectors.get(e.correlationId());
      if (collector != null) {
        collector.tell(new ReplyCollector.Reply(e));
      }
      return;
    }
    peerlets.tell(new PeerletManager.Deliver(e));
  }

  private void undeliverable(Envelope e, String reason) {
    log.tell(new MessageLog.Append(Direction.UNDELIVERABLE, e, reason));
    if (Undeliverable.is(e) || e.sender() == null) {
      return; // never bounce a notice
    }
    Envelope notice = Undeliverable.notice(e, self, reason, clock.instant());
    String back = notice.to().blades().get(0);
    if (back.equals(self) || (up.containsKey(back) && !unreachable.contains(back))) {
      route(notice, back);
    }
  }

  // ---- membership

  /**
   * Routes to the blades Up, Leaving or Unreachable (the last refused at once); a blade whose
   * address changed (a new incarnation) or that is gone loses its cached router references.
   */
  private Behavior<Command> onBladesChanged(BladesChanged m) {
    Map<String, BladeInfo> live = new HashMap<>();
    for (BladeInfo b : m.blades()) {
      boolean named = !b.name().equals(b.address());
      if (named && (b.status() == BladeStatus.Up || b.status() == BladeStatus.Leaving
          || b.status() == BladeStatus.Unreachable)) {
        live.merge(b.name(), b, (old, now) -> now.status() == BladeStatus.Up ? now : old);
      }
    }
    Map<String, Address> next = new TreeMap<>();
    unreachable.clear();
    live.forEach((name, b) -> {
      var hp = BladeSettings.parseSeed(b.address());
      next.put(name, new Address("pekko", BladeSettings.SYSTEM_NAME, hp.host(), hp.port()));
      if (b.status() == BladeStatus.Unreachable) {
        unreachable.add(name);
      }
    });
    up.forEach((name, address) -> {
      if (!address.equals(next.get(name))) {
        peers.remove(name);
        largePeers.remove(name);
      }
    });
    up.clear();
    up.putAll(next);
    roles.clear();
    live.forEach((name, b) -> {
      if (b.status() == BladeStatus.Up) {
        roles.put(name, java.util.Set.copyOf(b.roles()));
      }
    });
    return this;
  }
}
