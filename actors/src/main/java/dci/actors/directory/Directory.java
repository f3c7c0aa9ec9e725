package dci.actors.directory;

import dci.hardware.Disk;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStats;
import dci.protocol.BladeStatus;
import dci.protocol.LogSummary;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
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
 */
public final class Directory extends AbstractBehavior<Directory.Command> {

  /** Messages the directory understands. */
  public interface Command {}

  /** Asks for the directory as a list sorted by blade name. */
  public record GetBlades(ActorRef<Blades> replyTo) implements Command {}

  /** The directory's answer. */
  public record Blades(List<BladeInfo> blades) {}

  private record MembershipChanged(ClusterEvent.MemberEvent event) implements Command {}

  private record ReachabilityChanged(ClusterEvent.ReachabilityEvent event) implements Command {}

  private record StatsChanged(Replicator.SubscribeResponse<LWWMap<String, BladeStats>> response)
      implements Command {}

  /**
   * The blade's HTTP API is bound: from now on its published figures name it. Until then they
   * name none, so no blade forwards to it, or takes its refused connections for a death.
   */
  public enum ApiServing implements Command {
    INSTANCE
  }

  /** What this blade publishes as warnings for operators from now on (e.g. unconfined desks). */
  public record Warn(List<String> warnings) implements Command {}

  private enum Tick implements Command {
    INSTANCE
  }

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
  private final int keepDeparted;
  private final Clock clock;
  private final Executor blockingIo;
  private final SelfUniqueAddress selfNode;
  private final String selfAddress;
  private final ReplicatorMessageAdapter<Command, LWWMap<String, BladeStats>> replicator;
  private final Map<String, DirectoryEntry> entries = new LinkedHashMap<>();
  private Map<String, BladeStats> stats = new HashMap<>();
  private List<String> warnings = List.of();
  private LogSummary log;
  private long selfUpSince;

  private Directory(
      ActorContext<Command> context,
      String selfName,
      String apiUrl,
      Disk disk,
      int keepDeparted,
      ReplicatorMessageAdapter<Command, LWWMap<String, BladeStats>> replicator) {
    super(context);
    this.selfName = selfName;
    this.apiUrl = apiUrl;
    this.disk = disk;
    this.keepDeparted = keepDeparted;
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
      startTicks(timers, statsInterval);
      return DistributedData.withReplicatorMessageAdapter(
          (ReplicatorMessageAdapter<Command, LWWMap<String, BladeStats>> r) ->
              new Directory(context, selfName, apiUrl, disk, keepDeparted, r));
    }));
  }

  private static void startTicks(TimerScheduler<Command> timers, Duration interval) {
    timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ZERO, interval);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetBlades.class, this::onGetBlades)
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
    List<BladeInfo> blades = new ArrayList<>();
    for (DirectoryEntry e : entries.values()) {
      blades.add(e.toInfo(stats.get(e.address())));
    }
    blades.sort(Comparator.comparing(BladeInfo::name).thenComparing(BladeInfo::address));
    request.replyTo().tell(new Blades(List.copyOf(blades)));
    return this;
  }

  private Behavior<Command> onMembershipChanged(MembershipChanged changed) {
    ClusterEvent.MemberEvent event = changed.event();
    Member member = event.member();
    String key = DirectoryEntry.of(member).address();
    DirectoryEntry current = entries.get(key);
    if (current == null || !current.member().uniqueAddress().equals(member.uniqueAddress())) {
      if (event instanceof ClusterEvent.MemberRemoved) {
        return this; // a stale removal of an incarnation we no longer track
      }
      current = DirectoryEntry.of(member);
    }
    DirectoryEntry next = current.withMember(member);
    if (member.status() == MemberStatus.up()) {
      next = next.seenUp(clock.instant());
      if (key.equals(selfAddress) && selfUpSince == 0) {
        selfUpSince = clock.millis();
        getContext().getSelf().tell(Tick.INSTANCE);
      }
    }
    if (event instanceof ClusterEvent.MemberRemoved removed) {
      boolean downed = removed.previousStatus() == MemberStatus.down();
      next = next.departedAs(downed ? BladeStatus.Down : BladeStatus.Removed);
    }
    entries.remove(key);
    entries.put(key, next);
    forgetOldDeparted();
    return this;
  }

  private Behavior<Command> onReachabilityChanged(ReachabilityChanged changed) {
    ClusterEvent.ReachabilityEvent event = changed.event();
    DirectoryEntry e = entries.get(DirectoryEntry.of(event.member()).address());
    if (e != null && e.member().uniqueAddress().equals(event.member().uniqueAddress())) {
      boolean unreachable = event instanceof ClusterEvent.UnreachableMember;
      entries.put(e.address(), e.withUnreachable(unreachable));
    }
    return this;
  }

  private Behavior<Command> onStatsChanged(StatsChanged changed) {
    if (changed.response() instanceof Replicator.Changed<LWWMap<String, BladeStats>> c) {
      stats = new HashMap<>(c.get(STATS_KEY).getEntries());
    }
    return this;
  }

  private Behavior<Command> onTick() {
    getContext().pipeToSelf(
        CompletableFuture.supplyAsync(disk::usage, blockingIo),
        (usage, failure) -> new DiskRead(usage, failure));
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
    if (mine.equals(stats.get(selfAddress))) {
      return this;
    }
    stats.put(selfAddress, mine);
    replicator.askUpdate(
        replyTo -> new Replicator.Update<>(
            STATS_KEY, LWWMap.empty(), Replicator.writeLocal(), replyTo,
            map -> map.put(selfNode, selfAddress, mine)),
        StatsPublished::new);
    return this;
  }

  private void forgetOldDeparted() {
    List<String> departed = entries.entrySet().stream()
        .filter(e -> e.getValue().departed() != null)
        .map(Map.Entry::getKey)
        .toList();
    for (int i = 0; i < departed.size() - keepDeparted; i++) {
      entries.remove(departed.get(i));
    }
  }
}
