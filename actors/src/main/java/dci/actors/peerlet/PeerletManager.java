package dci.actors.peerlet;

import dci.actors.router.Router;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Sender;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Starts peerlets on demand: the first envelope for an app type (and instance GUID) with no
 * instance running spawns one, as a child named {@code appType~GUID}. Envelopes wait in a
 * bounded queue until the instance says it is ready. A crashing instance is restarted with
 * its GUID; one that keeps crashing is stopped and the sender of its last envelope is told.
 */
public final class PeerletManager extends AbstractBehavior<PeerletManager.Command> {

  /** The instance GUID of envelopes that name none. */
  public static final String DEFAULT_INSTANCE = "default";

  /** Messages the manager understands. */
  public interface Command {}

  /** Delivers an envelope to its instance, starting it if needed. */
  public record Deliver(Envelope envelope) implements Command {}

  /** Lists running instances. */
  public record ListInstances(ActorRef<Instances> replyTo) implements Command {}

  /** Answer to {@link ListInstances}: {@code appType~GUID} of each, ready or not. */
  public record Instances(List<String> running) {}

  /**
   * Stops every running instance of {@code appType} (its code was upgraded or removed): the next
   * envelope starts one from the type registered now. Envelopes still waiting for a stopped
   * instance are delivered again, to the new one.
   */
  public record Retire(String appType) implements Command {}

  private record Ready(String key, ActorRef<PeerletMessage> ref) implements Command {}

  private record Stopped(String key, ActorRef<PeerletMessage> ref) implements Command {}

  /** One running instance: its ref, whether it is ready, what waits for it, what it got last. */
  private static final class Instance {
    final ActorRef<PeerletMessage> ref;
    final PeerletType type;
    boolean ready;
    final ArrayDeque<Envelope> queue = new ArrayDeque<>();
    Envelope last;

    Instance(ActorRef<PeerletMessage> ref, PeerletType type) {
      this.ref = ref;
      this.type = type;
    }
  }

  private final String blade;
  private final PeerletRegistry registry;
  private final PeerletLimits limits;
  private final Executor blockingIo;
  private ActorRef<Router.Command> router;
  private final Map<String, Instance> instances = new HashMap<>();
  /** Live instances per app type (the keys of {@code instances} counted by their app). */
  private final Map<String, Integer> perApp = new HashMap<>();
  /** Spawned instances so far: a suffix keeps a new instance's name apart from one still stopping. */
  private long spawned;

  private PeerletManager(ActorContext<Command> context, String blade, PeerletRegistry registry,
      PeerletLimits limits) {
    super(context);
    this.blade = blade;
    this.registry = registry;
    this.limits = limits;
    this.blockingIo =
        context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig("dci.blocking-io-dispatcher"));
  }

  /** The manager; its router is given once known with {@link UseRouter}. */
  public static Behavior<Command> create(String blade, PeerletRegistry registry, PeerletLimits limits) {
    return Behaviors.setup(c -> new PeerletManager(c, blade, registry, limits));
  }

  /** Wires the router in (the router and the manager refer to each other). */
  public record UseRouter(ActorRef<Router.Command> router) implements Command {}

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(UseRouter.class, m -> {
          router = m.router();
          return this;
        })
        .onMessage(Deliver.class, this::onDeliver)
        .onMessage(Ready.class, this::onReady)
        .onMessage(Stopped.class, this::onStopped)
        .onMessage(ListInstances.class, this::onList)
        .onMessage(Retire.class, this::onRetire)
        .build();
  }

  private Behavior<Command> onDeliver(Deliver m) {
    Envelope e = m.envelope();
    var type = registry.find(e.appType());
    if (type.isEmpty()) {
      router.tell(new Router.Undeliver(e, "no peerlet for app type '" + e.appType() + "' on " + blade));
      return this;
    }
    String guid = e.instance() == null ? DEFAULT_INSTANCE : e.instance();
    String key = e.appType() + "~" + guid;
    Instance instance = instances.get(key);
    if (instance == null) {
      int live = perApp.getOrDefault(e.appType(), 0);
      if (live >= limits.maxInstancesPerApp()) {
        router.tell(new Router.Undeliver(e, "no new instance " + guid + " of '" + e.appType() + "' on " + blade
            + ": it runs " + live + " instances, its most (dci.peerlets.max-instances-per-app)"));
        return this;
      }
      instance = spawn(type.get(), guid, key);
      instances.put(key, instance);
      perApp.merge(e.appType(), 1, Integer::sum);
    }
    if (instance.ready) {
      instance.last = e;
      instance.ref.tell(new PeerletMessage.Incoming(e));
    } else if (instance.queue.size() >= limits.queueLimit()) {
      router.tell(new Router.Undeliver(e, "queue of " + key + " on " + blade + " is full (" + limits.queueLimit()
          + ")"));
    } else {
      instance.queue.add(e);
    }
    return this;
  }

  private Instance spawn(PeerletType type, String guid, String key) {
    var self = getContext().getSelf();
    var spawnedRef = new java.util.concurrent.atomic.AtomicReference<ActorRef<PeerletMessage>>();
    PeerletApi api = new RouterPeerletApi(router, () -> self.tell(new Ready(key, spawnedRef.get())),
        new Sender(blade, type.appType(), guid), blockingIo, limits.instanceBudget());
    Behavior<PeerletMessage> behavior = Behaviors.supervise(Behaviors.setup((ActorContext<PeerletMessage> c) -> {
          spawnedRef.compareAndSet(null, c.getSelf()); // before the peerlet can say it is ready
          return type.factory().apply(api);
        }))
        .onFailure(SupervisorStrategy.restart().withLimit(limits.maxRestarts(), limits.restartWindow()));
    ActorRef<PeerletMessage> ref = getContext().spawn(behavior, key + "-" + (++spawned));
    getContext().watchWith(ref, new Stopped(key, ref));
    return new Instance(ref, type);
  }

  private Behavior<Command> onReady(Ready m) {
    Instance instance = instances.get(m.key());
    if (instance != null && instance.ref.equals(m.ref())) { // not a retired instance of the same key
      instance.ready = true;
      while (!instance.queue.isEmpty()) {
        instance.last = instance.queue.poll();
        instance.ref.tell(new PeerletMessage.Incoming(instance.last));
      }
    }
    return this;
  }

  private Behavior<Command> onRetire(Retire m) {
    List<Envelope> again = new ArrayList<>();
    var now = registry.find(m.appType()).orElse(null);
    instances.entrySet().removeIf(e -> {
      Instance i = e.getValue();
      if (!e.getKey().startsWith(m.appType() + "~") || i.type == now) { // one of the new code stays
        return false;
      }
      getContext().stop(i.ref);
      forget(m.appType());
      if (i.last != null && i.ready) { // it may not have handled it: its sender is told, as on a crash
        router.tell(new Router.Undeliver(i.last, "peerlet " + e.getKey() + " on " + blade
            + " was stopped: its code was upgraded or removed"));
      }
      again.addAll(i.queue);
      return true;
    });
    again.forEach(e -> onDeliver(new Deliver(e)));
    return this;
  }

  private Behavior<Command> onStopped(Stopped m) {
    Instance instance = instances.get(m.key());
    if (instance != null && instance.ref.equals(m.ref())) { // not a newer instance of the same key
      instances.remove(m.key());
      forget(instance.type.appType());
      if (instance.last != null) {
        router.tell(new Router.Undeliver(instance.last, "peerlet " + m.key() + " on " + blade + " crashed and was stopped"));
      }
      for (Envelope waiting : instance.queue) {
        router.tell(new Router.Undeliver(waiting, "peerlet " + m.key() + " on " + blade + " stopped"));
      }
    }
    return this;
  }

  /** One instance of {@code appType} fewer. */
  private void forget(String appType) {
    perApp.computeIfPresent(appType, (app, n) -> n > 1 ? n - 1 : null);
  }

  private Behavior<Command> onList(ListInstances m) {
    List<String> keys = new ArrayList<>(instances.keySet());
    keys.sort(String::compareTo);
    m.replyTo().tell(new Instances(keys));
    return this;
  }
}
