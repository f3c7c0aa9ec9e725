package dci.actors.directory;

import dci.hardware.Disk;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStats;
import dci.protocol.BladeStatus;
import dci.protocol.LogSummary;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The blade directory: who is in the cluster and how each blade is doing. Fed by cluster
 * membership and reachability events; each blade also publishes its own disk figures, Up time
 * and message log size (which its log puts on the event stream) through Distributed Data so
 * every directory can show every blade's.
 *
 * <p>Membership is tracked here once: other parts ask for it ({@link GetBlades}: the backup
 * agent) or have it pushed on every change ({@link Watch}) instead of subscribing to the
 * cluster: the router (which blades are Up and reachable), the fail-over coordinator and each
 * blade's fail-over agent (statuses, Unreachable from the failure detector included, for
 * suspicion; the blades' APIs for the probe). Left subscribing themselves, on purpose:
 * <ul>
 *   <li>the VNAS index's settling ({@code IndexSettling}): it timestamps this blade's Up and
 *       every reachability change for a check that also reads the cluster's unreachable set
 *       directly ({@code VnasIndex.settled}): both must come from the cluster, not one of them
 *       a hop later through this actor; and the index also runs where no directory does;
 *   <li>Pekko's split brain resolver, cluster singleton manager (it runs the fail-over
 *       coordinator on the oldest blade), receptionist and Distributed Data.
 * </ul>
 * Synchronous reads of the cluster's current state are not subscriptions and stay where they
 * are: the VNAS's live set and its choice between writing to every blade or to a majority
 * ({@code LiveBlades}, {@code VnasIndex}) must agree with what Distributed Data's replicator
 * sees at that moment, and a revocation downs a blade by name once.
 */
public final class Directory extends AbstractBehavior<Directory.Command> {

  /** Messages the directory understands. */
  public interface Command {}

  /** Asks for the directory as a list sorted by blade name. */
  public record GetBlades(ActorRef<Blades> replyTo) implements Command {}

  /** The directory's answer. */
  public record Blades(List<BladeInfo> blades) {}

  /**
   * Pushes the directory ({@link Blades}) to {@code subscriber} now and again whenever it
   * changes (a blade joins, comes Up, becomes unreachable or reachable again, leaves, is downed,
   * or publishes new figures), until the subscriber stops.
   */
  public record Watch(ActorRef<Blades> subscriber) implements Command {}

  private record WatcherGone(ActorRef<Blades> subscriber) implements Command {}

  private record MembershipChanged(ClusterEvent.MemberEvent event) implements Command {}

  private record ReachabilityChanged(ClusterEvent.ReachabilityEvent event) implements Command {}

  private record StatsChanged(Replicator.SubscribeResponse<LWWMap<String, BladeStats>> response)
      implements Command {}

  /**
   * The blade's HTTP API is bound: from now on its published figures name it. Until then they
   * name none, so no blade forwards to it, or takes its refused connections for a death.
   */
  public enum ApiServing implements Command { INSTANCE }

  /** What this blade publishes as warnings for operators from now on (e.g. unconfined desks). */
  public record Warn(List<String> warnings) implements Command {}

  private enum Tick implements Command { INSTANCE }

  /** This blade's message log published its figures (on the event stream). */
  private record LogChanged(LogSummary summary) implements Command {}

  private record DiskRead(Disk.Usage usage, Throwable failure) implements Command {}

  private record StatsPublished(Replicator.UpdateResponse<LWWMap<String, BladeStats>> response)
      implements Command {}

  static final Key<LWWMap<String, BladeStats>> STATS_KEY = LWWMapKey.create("dci-blade-stats");

  private final String selfName;
  private final String apiUrl;
  private boolean apiServing;
  private final Disk disk;
  private final Clock clock;
  private final Executor blockingIo;
  private final SelfUniqueAddress selfNode;
  private final String selfAddress;
  private final ReplicatorMessageAdapter<Command, LWWMap<String, BladeStats>> replicator;
  private final Members members;
  private final Set<ActorRef<Blades>> watchers = new HashSet<>();
  private List<BladeInfo> pushed = List.of();
  private List<String> warnings = List.of();
  private LogSummary log;
  private long selfUpSince;

  private Directory(ActorContext<Command> context, String selfName, String apiUrl, Disk disk, int keepDeparted,
      ReplicatorMessageAdapter<Command, LWWMap<String, BladeStats>> replicator) {
    super(context);
    this.selfName = selfName;
    this.apiUrl = apiUrl;
    this.disk = disk;
    this.members = new Members(keepDeparted);
    this.clock = Clock.systemUTC();
    this.blockingIo =
        context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig("dci.blocking-io-dispatcher"));
    this.selfNode = DistributedData.get(context.getSystem()).selfUniqueAddress();
    var a = Cluster.get(context.getSystem()).selfMember().address();
    this.selfAddress = a.host().get() + ":" + a.port().get();
    this.replicator = replicator;
    var cluster = Cluster.get(context.getSystem());
    cluster.subscriptions().tell(Subscribe.create(
        context.messageAdapter(ClusterEvent.MemberEvent.class, MembershipChanged::new),
        ClusterEvent.MemberEvent.class));
    cluster.subscriptions().tell(Subscribe.create(
        context.messageAdapter(ClusterEvent.ReachabilityEvent.class, ReachabilityChanged::new),
        ClusterEvent.ReachabilityEvent.class));
    replicator.subscribe(STATS_KEY, StatsChanged::new);
    context.getSystem().eventStream().tell(new EventStream.Subscribe<>(LogSummary.class,
        context.messageAdapter(LogSummary.class, LogChanged::new)));
  }

  /**
   * Creates the directory of the blade named {@code selfName}, whose data directory is
   * {@code disk}; it republishes its disk figures every {@code statsInterval}.
   */
  public static Behavior<Command> create(String selfName, String apiUrl, Disk disk, Duration statsInterval,
      int keepDeparted) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ZERO, statsInterval);
      return DistributedData.withReplicatorMessageAdapter(
          (ReplicatorMessageAdapter<Command, LWWMap<String, BladeStats>> r) ->
              new Directory(context, selfName, apiUrl, disk, keepDeparted, r));
    }));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetBlades.class, this::onGetBlades)
        .onMessage(Watch.class, this::onWatch)
        .onMessage(WatcherGone.class, m -> {
          watchers.remove(m.subscriber());
          return this;
        })
        .onMessage(MembershipChanged.class, this::onMembershipChanged)
        .onMessage(ReachabilityChanged.class, this::onReachabilityChanged)
        .onMessage(StatsChanged.class, this::onStatsChanged)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessageEquals(ApiServing.INSTANCE, () -> {
          apiServing = true;
          return onTick();
        })
        .onMessage(Warn.class, w -> {
          warnings = List.copyOf(w.warnings());
          return onTick();
        })
        .onMessage(LogChanged.class, m -> {
          log = m.summary(); // published with the next figures (stats-interval)
          return this;
        })
        .onMessage(DiskRead.class, this::onDiskRead)
        .onMessage(StatsPublished.class, m -> this)
        .build();
  }

  private Behavior<Command> onGetBlades(GetBlades request) {
    request.replyTo().tell(new Blades(members.blades()));
    return this;
  }

  private Behavior<Command> onWatch(Watch m) {
    if (watchers.add(m.subscriber())) {
      getContext().watchWith(m.subscriber(), new WatcherGone(m.subscriber()));
    }
    m.subscriber().tell(new Blades(members.blades()));
    return this;
  }

  /** Pushes the directory to every watcher if it differs from what they were last given. */
  private Behavior<Command> changed() {
    List<BladeInfo> now = members.blades();
    if (!now.equals(pushed)) {
      pushed = now;
      Blades blades = new Blades(now);
      watchers.forEach(w -> w.tell(blades));
    }
    return this;
  }

  private Behavior<Command> onMembershipChanged(MembershipChanged changed) {
    DirectoryEntry next = members.member(changed.event(), clock.instant());
    if (next != null && next.address().equals(selfAddress) && next.status() == BladeStatus.Up && selfUpSince == 0) {
      selfUpSince = clock.millis();
      getContext().getSelf().tell(Tick.INSTANCE);
    }
    return changed();
  }

  private Behavior<Command> onReachabilityChanged(ReachabilityChanged changed) {
    members.reachability(changed.event());
    return changed();
  }

  private Behavior<Command> onStatsChanged(StatsChanged changed) {
    if (changed.response() instanceof Replicator.Changed<LWWMap<String, BladeStats>> c) {
      members.stats(c.get(STATS_KEY).getEntries());
    }
    return changed();
  }

  private Behavior<Command> onTick() {
    getContext().pipeToSelf(CompletableFuture.supplyAsync(disk::usage, blockingIo), DiskRead::new);
    return this;
  }

  private Behavior<Command> onDiskRead(DiskRead read) {
    if (read.failure() != null) {
      getContext().getLog().warn("cannot read disk figures: {}", read.failure().getMessage());
      return this;
    }
    BladeStats mine =
        new BladeStats(selfName, apiServing ? apiUrl : null, read.usage().freeBytes(), read.usage().totalBytes(),
            selfUpSince, warnings, log);
    if (mine.equals(members.statsOf(selfAddress))) {
      return this;
    }
    members.putStats(selfAddress, mine);
    replicator.askUpdate(
        replyTo -> new Replicator.Update<>(
            STATS_KEY, LWWMap.empty(), Replicator.writeLocal(), replyTo,
            map -> map.put(selfNode, selfAddress, mine)),
        StatsPublished::new);
    return changed();
  }
}
