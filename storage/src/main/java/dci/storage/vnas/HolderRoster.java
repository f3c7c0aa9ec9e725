package dci.storage.vnas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The index holders a blade counts ({@link HolderView}): one for each cluster member that is Up
 * (and has {@code role}, if one is given) and whose holder answered at {@code /user/}{@link
 * IndexHolder#NAME}. Membership, not the receptionist, says who holds: a blade knows another is
 * Up a gossip round after it is (about a second), where a receptionist entry travels by
 * Distributed Data gossip (seconds, or more on a busy cluster), so right after start every
 * blade ranks the same blades. A member whose holder does not answer yet (its VNAS is still
 * starting) is asked again until it does, and only then counted; a member that leaves or is
 * removed is no longer counted at once.
 */
public final class HolderRoster {
  /** How often a member whose holder did not answer is asked again. */
  private static final Duration PROBE_AGAIN = Duration.ofMillis(200);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final int r;
  private final Duration settle;
  private volatile HolderView view;
  private volatile long changedAt = System.nanoTime();
  private volatile int pending;
  private final List<ActorRef<HolderView>> subscribers = new java.util.concurrent.CopyOnWriteArrayList<>();

  private HolderRoster(int r, Duration settle) {
    this.r = r;
    this.settle = settle;
    this.view = HolderView.empty(r);
  }

  /** Starts counting {@code system}'s cluster's holders; {@code role} null: every member. */
  public static HolderRoster start(ActorSystem<?> system, int r, String role) {
    return start(system, r, role, SETTLE);
  }

  /** {@link #start(ActorSystem, int, String)}, settled after {@code settle} (tests shorten it). */
  static HolderRoster start(ActorSystem<?> system, int r, String role, Duration settle) {
    HolderRoster roster = new HolderRoster(r, settle);
    system.systemActorOf(Watcher.create(roster, role), "vnas-index-roster-" + java.util.UUID.randomUUID(), Props.empty());
    return roster;
  }

  /** The holders counted now. */
  public HolderView view() {
    return view;
  }

  /** Up members (with the role) whose holder has not answered yet. */
  public int pending() {
    return pending;
  }

  /** True if the holders counted have not changed, nor any blade's reachability, for {@code d}. */
  public boolean quietFor(Duration d) {
    return System.nanoTime() - changedAt >= d.toNanos();
  }

  /**
   * How long the holders counted, and every blade's reachability, must stay the same before the
   * first holder of a shard is taken to have its newest row: by then a holder that became first
   * has pulled what it missed (holders compare shards at every change of the count and every
   * sync), and one that was unreachable while another decided for it has caught up.
   */
  public static final Duration SETTLE = Duration.ofSeconds(10);

  /** True if nothing moved for {@link #SETTLE} and every blade is reachable now. */
  public boolean settled(ActorSystem<?> system) {
    return quietFor(settle) && Cluster.get(system).state().getUnreachable().isEmpty();
  }

  private void reachabilityChanged() {
    changedAt = System.nanoTime();
  }

  /** {@code s} is told the view now and at every change. */
  public void subscribe(ActorRef<HolderView> s) {
    subscribers.add(s);
    s.tell(view);
  }

  private void publish(Map<String, ActorRef<IndexHolder.Command>> holders, int waiting) {
    pending = waiting;
    HolderView next = new HolderView(holders, r);
    if (!next.holders().equals(view.holders())) {
      view = next;
      changedAt = System.nanoTime();
      subscribers.forEach(s -> s.tell(next));
    }
  }

  /** Follows membership and asks each wanted member's holder until it answers. */
  private static final class Watcher extends AbstractBehavior<Watcher.Command> {
    interface Command {}

    private record Members(ClusterEvent.MemberEvent event) implements Command {}

    private record Probe(Address blade) implements Command {}

    private record Probed(Address blade, ActorRef<IndexHolder.Command> holder) implements Command {}

    private record Gone(Address blade) implements Command {}

    private record Reachability(ClusterEvent.ReachabilityEvent event) implements Command {}

    private final HolderRoster roster;
    private final String role;
    private final TimerScheduler<Command> timers;
    private final Set<Address> wanted = new java.util.HashSet<>();
    private final Map<Address, ActorRef<IndexHolder.Command>> found = new HashMap<>();

    private Watcher(ActorContext<Command> context, TimerScheduler<Command> timers, HolderRoster roster, String role) {
      super(context);
      this.roster = roster;
      this.role = role;
      this.timers = timers;
      Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
          context.messageAdapter(ClusterEvent.MemberEvent.class, Members::new), ClusterEvent.MemberEvent.class));
      Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
          context.messageAdapter(ClusterEvent.ReachabilityEvent.class, Reachability::new),
          ClusterEvent.ReachabilityEvent.class));
    }

    static Behavior<Command> create(HolderRoster roster, String role) {
      return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Watcher(ctx, timers, roster, role)));
    }

    @Override
    public Receive<Command> createReceive() {
      return newReceiveBuilder()
          .onMessage(Members.class, this::onMembers)
          .onMessage(Probe.class, this::onProbe)
          .onMessage(Probed.class, this::onProbed)
          .onMessage(Gone.class, this::onGone)
          .onMessage(Reachability.class, this::onReachability)
          .build();
    }

    private Behavior<Command> onMembers(Members m) {
      Member member = m.event().member();
      Address a = member.address();
      if (m.event() instanceof ClusterEvent.MemberUp) {
        if ((role == null || member.hasRole(role)) && wanted.add(a)) {
          getContext().getSelf().tell(new Probe(a));
        }
        return this;
      }
      if (m.event() instanceof ClusterEvent.MemberLeft || m.event() instanceof ClusterEvent.MemberExited
          || m.event() instanceof ClusterEvent.MemberDowned || m.event() instanceof ClusterEvent.MemberRemoved) {
        // a leaving blade is counted out at once: its holder hands its rows to those that stay
        wanted.remove(a);
        timers.cancel(a);
        ActorRef<IndexHolder.Command> was = found.remove(a);
        if (was != null) {
          getContext().unwatch(was);
        }
        return publish();
      }
      return this;
    }

    private Behavior<Command> onProbe(Probe m) {
      if (!wanted.contains(m.blade()) || found.containsKey(m.blade())) {
        return this;
      }
      String path = m.blade() + "/user/" + IndexHolder.NAME;
      getContext().pipeToSelf(getContext().getSystem().classicSystem().actorSelection(path).resolveOne(PROBE_TIMEOUT),
          (ref, e) -> new Probed(m.blade(), ref == null ? null : Adapter.toTyped(ref)));
      return this;
    }

    private Behavior<Command> onProbed(Probed m) {
      if (!wanted.contains(m.blade())) {
        return this;
      }
      if (m.holder() == null) {
        timers.startSingleTimer(m.blade(), new Probe(m.blade()), PROBE_AGAIN);
        return this;
      }
      found.put(m.blade(), m.holder());
      getContext().watchWith(m.holder(), new Gone(m.blade()));
      return publish();
    }

    private Behavior<Command> onReachability(Reachability m) {
      roster.reachabilityChanged();
      return this;
    }

    /** The holder stopped (or its blade was removed): asked again while its member is wanted. */
    private Behavior<Command> onGone(Gone m) {
      if (found.remove(m.blade()) != null && wanted.contains(m.blade())) {
        timers.startSingleTimer(m.blade(), new Probe(m.blade()), PROBE_AGAIN);
      }
      return publish();
    }

    private Behavior<Command> publish() {
      Map<String, ActorRef<IndexHolder.Command>> holders = new java.util.TreeMap<>();
      found.forEach((a, ref) -> holders.put(a.toString(), ref));
      roster.publish(holders, wanted.size() - found.size());
      return this;
    }
  }

  /** The blades counted, for logs. */
  @Override
  public String toString() {
    return new TreeSet<>(view.holders().keySet()).toString();
  }
}
