package dci.app.resources;

import dci.actors.directory.Directory;
import dci.hardware.ReplicatedMap;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.hardware.body.BladeBody;
import dci.hardware.body.Reading;
import dci.hardware.port.DeskActivity;
import dci.hardware.port.PeripheralSwitch;
import dci.hardware.port.PortRoute;
import dci.protocol.resources.ResourceSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * A blade's resource manager: every sample interval it turns the blade's latest body reading,
 * the desk ports routed to it and its desk activity into a {@link ResourceSample} and publishes
 * it to every blade (topic {@value #TOPIC}); it keeps every blade's samples it hears in its
 * {@link ResourceStore}, appended to its {@link ResourceFile} (on the I/O executor, one write
 * after another), thinned every {@code compact-every}; after a start it back-fills what it
 * missed from a peer, and whenever another blade comes Up it reads that blade's own latest
 * samples from it (those it published before the topic knew of any subscriber were lost).
 */
final class ResourceManager extends AbstractBehavior<ResourceManager.Command> {
  static final String TOPIC = "dci-resources";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResourceManager.class);

  interface Command {}

  /** The samples of {@code blade} (null: every blade) at or after {@code since}. */
  record Query(String blade, Instant since, ActorRef<List<ResourceSample>> replyTo) implements Command {}

  private enum Tick implements Command { INSTANCE }

  private enum Compact implements Command { INSTANCE }

  private enum Backfill implements Command { INSTANCE }

  private record Read(Reading reading, Collection<PortRoute> ports, Map<String, Double> processes, Throwable error)
      implements Command {}

  private record Heard(ResourceSample sample) implements Command {}

  private record Backfilled(List<ResourceSample> samples, Throwable error) implements Command {}

  private record Members(List<BladeInfo> blades) implements Command {}

  /** Reads {@code blade}'s own samples from it (it just came Up: its first ones may have been published to no one). */
  private record Pull(String blade, String api) implements Command {}

  private record Pulled(List<ResourceSample> samples) implements Command {}

  /** What the manager works with. */
  record Settings(String blade, Duration interval, Duration compactEvery, Duration backfillDelay, int backfillTries,
      ResourceStore.Retention retention) {}

  /** Where samples come from and go: the body's readings, the desk ports, the disk, the peers. */
  record Sources(ReplicatedMap<Reading> health, ReplicatedMap<PortRoute> ports, DeskActivity desks,
      ResourceFile file, Executor io, Clock clock, PeerSamples peers, ActorRef<Directory.Command> directory,
      PackageProcesses packages) {}

  private final Settings settings;
  private final Sources sources;
  private final TimerScheduler<Command> timers;
  private final ResourceStore store;
  private final ActorRef<Topic.Command<ResourceSample>> topic;
  private CompletableFuture<Void> writing = CompletableFuture.completedFuture(null);
  private Reading before;
  private boolean reading;
  private int backfillsLeft;
  private final Instant resumeFrom;
  private final Set<String> up = new HashSet<>();

  static Behavior<Command> create(Settings settings, Sources sources, List<ResourceSample> loaded) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(t -> new ResourceManager(ctx, t, settings, sources, loaded)));
  }

  private ResourceManager(ActorContext<Command> ctx, TimerScheduler<Command> timers, Settings settings, Sources sources,
      List<ResourceSample> loaded) {
    super(ctx);
    this.settings = settings;
    this.sources = sources;
    this.timers = timers;
    this.store = new ResourceStore(settings.retention());
    loaded.forEach(store::add);
    compact();
    Instant newest = store.newest();
    this.resumeFrom = newest != null ? newest.minus(settings.interval())
        : sources.clock().instant().minus(settings.retention().keep());
    sources.directory().tell(new Directory.Watch(ctx.messageAdapter(Directory.Blades.class,
        b -> new Members(b.blades()))));
    this.topic = ctx.spawn(Topic.create(ResourceSample.class, TOPIC), "topic");
    topic.tell(Topic.subscribe(ctx.messageAdapter(ResourceSample.class, Heard::new)));
    this.backfillsLeft = settings.backfillTries();
    timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.interval());
    timers.startTimerWithFixedDelay(Compact.INSTANCE, settings.compactEvery());
    timers.startSingleTimer(Backfill.INSTANCE, settings.backfillDelay());
    ctx.getSelf().tell(Tick.INSTANCE);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(Read.class, this::onRead)
        .onMessage(Heard.class, this::onHeard)
        .onMessage(Query.class, this::onQuery)
        .onMessageEquals(Compact.INSTANCE, () -> {
          compact();
          return this;
        })
        .onMessageEquals(Backfill.INSTANCE, this::onBackfill)
        .onMessage(Backfilled.class, this::onBackfilled)
        .onMessage(Members.class, this::onMembers)
        .onMessage(Pull.class, this::onPull)
        .onMessage(Pulled.class, m -> {
          keep(m.samples());
          return this;
        })
        .build();
  }

  private Behavior<Command> onTick() {
    if (reading) {
      return this;
    }
    reading = true;
    CompletionStage<Reading> mine = sources.health().all().thenApply(m -> m.get(settings.blade()));
    CompletionStage<Collection<PortRoute>> routed = sources.ports().all().thenApply(Map::values);
    CompletionStage<Map<String, Double>> processes = CompletableFuture.supplyAsync(sources.packages()::count, sources.io());
    getContext().pipeToSelf(mine.thenCombine(routed, (r, p) -> new Read(r, p, Map.of(), null))
            .thenCombine(processes, (read, n) -> new Read(read.reading(), read.ports(), n, null)),
        (ok, error) -> error != null ? new Read(null, List.of(), Map.of(), error) : ok);
    return this;
  }

  private Behavior<Command> onRead(Read m) {
    reading = false;
    Reading r = m.reading();
    if (m.error() != null || r == null || r.cpuLoad() < 0) {
      // no reading with a CPU load yet (a blade just started): try again in a moment, not a whole interval
      timers.startSingleTimer("retry", Tick.INSTANCE, Duration.ofMillis(Math.min(1000, settings.interval().toMillis())));
      return this;
    }
    Map<String, Integer> sessions = sources.desks() == null ? Map.of() : sources.desks().sessions();
    Map<String, Integer> logins = sources.desks() == null ? Map.of() : sources.desks().drainLogins();
    ResourceSample s = Samples.of(sources.clock().instant(), r, before, m.ports(), sessions, logins,
        settings.interval(), m.processes());
    if (before == null || before.at().isBefore(r.at())) {
      before = r;
    }
    keep(List.of(s));
    topic.tell(Topic.publish(s));
    return this;
  }

  private Behavior<Command> onHeard(Heard m) {
    keep(List.of(m.sample()));
    return this;
  }

  private Behavior<Command> onQuery(Query m) {
    m.replyTo().tell(m.blade() == null ? store.all(m.since()) : store.of(m.blade(), m.since()));
    return this;
  }

  private Behavior<Command> onBackfill() {
    getContext().pipeToSelf(sources.peers().since(resumeFrom), Backfilled::new);
    return this;
  }

  private Behavior<Command> onMembers(Members m) {
    Set<String> now = new HashSet<>();
    for (BladeInfo b : m.blades()) {
      if (b.status() == BladeStatus.Up && b.api() != null && !b.name().equals(settings.blade())) {
        now.add(b.name());
        if (!up.contains(b.name())) {
          timers.startSingleTimer("pull-" + b.name(), new Pull(b.name(), b.api()), settings.backfillDelay());
        }
      }
    }
    up.clear();
    up.addAll(now);
    return this;
  }

  private Behavior<Command> onPull(Pull m) {
    List<ResourceSample> had = store.of(m.blade(), Instant.EPOCH);
    Instant since = had.isEmpty() ? sources.clock().instant().minus(settings.retention().keep())
        : had.get(had.size() - 1).at().minus(settings.interval().multipliedBy(3));
    getContext().pipeToSelf(sources.peers().of(m.api(), m.blade(), since),
        (samples, error) -> new Pulled(error != null ? List.of() : samples));
    return this;
  }

  private Behavior<Command> onBackfilled(Backfilled m) {
    if (m.error() != null || m.samples() == null) {
      if (--backfillsLeft > 0) {
        timers.startSingleTimer(Backfill.INSTANCE, settings.backfillDelay());
      } else {
        getContext().getLog().info("resources of {}: no peer to back-fill from ({})", settings.blade(),
            m.error() == null ? "no answer" : m.error().getMessage());
      }
      return this;
    }
    int before = store.size();
    keep(m.samples());
    getContext().getLog().info("resources of {}: back-filled {} samples", settings.blade(), store.size() - before);
    return this;
  }

  /** Keeps the samples not kept yet, and appends them to the file. */
  private void keep(List<ResourceSample> samples) {
    List<ResourceSample> fresh = samples.stream().filter(store::add).toList();
    if (!fresh.isEmpty()) {
      ResourceFile file = sources.file();
      writing = writing.thenRunAsync(() -> file.append(fresh), sources.io()).exceptionally(this::writeFailed);
    }
  }

  /** Thins the store and, when that changed it, rewrites the file with what is kept. */
  private void compact() {
    if (store.compact(sources.clock().instant())) {
      List<ResourceSample> all = store.all(Instant.EPOCH);
      ResourceFile file = sources.file();
      writing = writing.thenRunAsync(() -> file.rewrite(all), sources.io()).exceptionally(this::writeFailed);
    }
  }

  private Void writeFailed(Throwable e) {
    LOG.warn("resources of {}: cannot write the samples file: {}", settings.blade(), e.toString());
    return null;
  }

  /** The map of desk ports, as the resource manager reads it. */
  static ReplicatedMap<PortRoute> ports(org.apache.pekko.actor.typed.ActorSystem<?> system) {
    return new ReplicatedMap<>(system, PeripheralSwitch.PORT_MAP, Duration.ofSeconds(3));
  }

  /** The map of body readings, as the resource manager reads it. */
  static ReplicatedMap<Reading> health(org.apache.pekko.actor.typed.ActorSystem<?> system) {
    return new ReplicatedMap<>(system, BladeBody.HEALTH_MAP, Duration.ofSeconds(3));
  }
}
