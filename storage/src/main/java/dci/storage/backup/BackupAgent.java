package dci.storage.backup;

import dci.actors.directory.Directory;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.protocol.DciSerializable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * A blade's backup agent: runs this blade's backups (on demand, on its schedule, or as its
 * root changes under the mirror method) and the restores, checks and aging passes asked of
 * it, each as a job with progress; and keeps this blade's copies of the blades it backs up in
 * step with the other peers (peersync). The work itself runs on the blocking-I/O dispatcher.
 */
public final class BackupAgent extends AbstractBehavior<BackupAgent.Command> {
  public interface Command {}

  /**
   * Back this blade up now (joins the run under way, if any), a new run sending packs at most
   * {@code bytesPerSecond} (null: only the blade's own limit; a move's cap).
   */
  public record StartRun(Long bytesPerSecond, ActorRef<JobView> replyTo) implements Command, DciSerializable {}

  /**
   * Restore {@code source}'s archives up to {@code upto} into {@code target} (null: the root) on
   * this blade, reading chunks at most {@code bytesPerSecond} (null or 0: no cap; a move's limit).
   */
  public record StartRestore(String source, String upto, String target, List<String> files,
      Long bytesPerSecond, ActorRef<JobView> replyTo) implements Command, DciSerializable {}

  public record StartCheck(String source, boolean readData, ActorRef<JobView> replyTo)
      implements Command, DciSerializable {}

  public record StartForget(String source, boolean dryRun, ActorRef<JobView> replyTo)
      implements Command, DciSerializable {}

  public record GetJob(String id, ActorRef<JobView> replyTo) implements Command, DciSerializable {}

  /** The jobs this blade's agent started lately, newest first. */
  public record ListJobs(ActorRef<JobList> replyTo) implements Command, DciSerializable {}

  public record JobList(List<JobView> jobs) implements DciSerializable {}

  private enum Tick implements Command { INSTANCE }

  private enum MirrorChanged implements Command { INSTANCE }

  private enum MirrorDue implements Command { INSTANCE }

  private record BladesSeen(List<BladeInfo> blades) implements Command {}

  private record ConfigsChanged(Map<String, BackupConfig> configs) implements Command {}

  private record JobDone(String id, Object result, Throwable error) implements Command {}

  private record SyncDone(Throwable error) implements Command {}

  private record WatchStarted(String root, MirrorWatch watch, Throwable error) implements Command {}

  /** The settings as a majority knows them, read before {@code request} is handled. */
  private record WithConfigs(Map<String, BackupConfig> configs, List<BladeInfo> blades, Command request)
      implements Command {}

  /** Who this blade is and what it uses. */
  public record Settings(String blade, String dataCenter, Path dataDir, Duration tick, Duration syncInterval,
      Duration mirrorLag, int parallelism) {}


  public static ServiceKey<Command> key(String blade) {
    return ServiceKey.create(Command.class, "dci-backup-" + blade);
  }

  private final Settings settings;
  private final BackupStore store;
  private final PeerClient client;
  private final ActorRef<Directory.Command> directory;
  private final BackupConfigs settingsStore;
  private final Executor io;
  private final Clock clock;
  private final TimerScheduler<Command> timers;
  private final JobTable jobs;
  private Map<String, BackupConfig> configs = Map.of();
  private List<BladeInfo> blades = List.of();
  /** Whether the directory has told the blades yet (it does at once when watched). */
  private boolean seenBlades;
  private String runningRun;
  private boolean mirrorPending;
  /** The wait before the next try of a failed mirror run; null after a run that worked. */
  private java.time.Duration mirrorRetry;
  private static final java.time.Duration MIRROR_RETRY_MIN = java.time.Duration.ofSeconds(1);
  private static final java.time.Duration MIRROR_RETRY_MAX = java.time.Duration.ofMinutes(1);
  private MirrorWatch watch;
  private String watchedRoot;
  private Instant nextScheduled;
  /** System.nanoTime() of the next peersync (the injected clock is for schedules only). */
  private long nextSync = System.nanoTime();
  private boolean syncing;

  public static Behavior<Command> create(Settings settings, BackupStore store, PeerClient client,
      ActorRef<Directory.Command> directory, BackupConfigs configs, Executor io, Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new BackupAgent(ctx, settings, store, client, directory, configs, io, clock, timers)));
  }

  private BackupAgent(ActorContext<Command> ctx, Settings settings, BackupStore store, PeerClient client,
      ActorRef<Directory.Command> directory, BackupConfigs configs, Executor io, Clock clock,
      TimerScheduler<Command> timers) {
    super(ctx);
    this.settingsStore = configs;
    this.settings = settings;
    this.jobs = new JobTable(settings.blade());
    this.store = store;
    this.client = client;
    this.directory = directory;
    this.io = io;
    this.clock = clock;
    this.timers = timers;
    ctx.getSystem().receptionist().tell(Receptionist.register(key(settings.blade()), ctx.getSelf()));
    ActorRef<Replicator.SubscribeResponse<LWWMap<String, BackupConfig>>> adapter = ctx.messageAdapter(
        (Class<Replicator.SubscribeResponse<LWWMap<String, BackupConfig>>>) (Class<?>) Replicator.SubscribeResponse.class,
        rsp -> rsp instanceof Replicator.Changed<LWWMap<String, BackupConfig>> c
            ? new ConfigsChanged(c.get(BackupConfigs.KEY).getEntries()) : new ConfigsChanged(null));
    DistributedData.get(ctx.getSystem()).replicator().tell(new Replicator.Subscribe<>(BackupConfigs.KEY, adapter));
    // the directory pushes the blades as they change; the tick only looks at the clock
    directory.tell(new Directory.Watch(ctx.messageAdapter(Directory.Blades.class, b -> new BladesSeen(b.blades()))));
    timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.tick());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(StartRun.class, this::fresh)
        .onMessage(StartRestore.class, this::fresh)
        .onMessage(StartCheck.class, this::onStartCheck)
        .onMessage(StartForget.class, this::fresh)
        .onMessage(WithConfigs.class, this::onWithConfigs)
        .onMessage(GetJob.class, this::onGetJob)
        .onMessage(ListJobs.class, m -> {
          m.replyTo().tell(new JobList(jobs.list()));
          return this;
        })
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(BladesSeen.class, this::onBladesSeen)
        .onMessage(ConfigsChanged.class, this::onConfigsChanged)
        .onMessage(WatchStarted.class, this::onWatchStarted)
        .onMessageEquals(MirrorChanged.INSTANCE, this::onMirrorChanged)
        .onMessageEquals(MirrorDue.INSTANCE, this::onMirrorDue)
        .onMessage(JobDone.class, this::onJobDone)
        .onMessage(SyncDone.class, this::onSyncDone)
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  /**
   * Reads the settings from a majority first (a change just made through another blade counts),
   * and the blades as the directory sees them now, not at the last tick (a run asked for as
   * soon as the cluster formed finds its peers).
   */
  private Behavior<Command> fresh(Command request) {
    CompletionStage<List<BladeInfo>> seen = AskPattern.<Directory.Command, Directory.Blades>ask(directory,
            Directory.GetBlades::new, Duration.ofSeconds(5), getContext().getSystem().scheduler())
        .thenApply(Directory.Blades::blades)
        .exceptionally(e -> null);
    CompletionStage<Map<String, BackupConfig>> configsRead = settingsStore.allFromMajority()
        .exceptionally(e -> null);
    getContext().pipeToSelf(configsRead.thenCombine(seen, (c, b) -> new WithConfigs(c, b, request)),
        (m, err) -> m != null ? m : new WithConfigs(null, null, request));
    return this;
  }

  private Behavior<Command> onWithConfigs(WithConfigs m) {
    if (m.configs() != null) {
      onConfigsChanged(new ConfigsChanged(m.configs()));
    }
    if (m.blades() != null) {
      blades = m.blades();
    }
    if (m.request() instanceof StartRun r) {
      return onStartRun(r);
    }
    if (m.request() instanceof StartRestore r) {
      return onStartRestore(r);
    }
    return onStartForget((StartForget) m.request());
  }

  private BackupConfig own() {
    return configs.getOrDefault(settings.blade(), BackupConfig.DEFAULT);
  }

  private Behavior<Command> onStartRun(StartRun m) {
    if (runningRun == null) {
      runningRun = startRun(own().method() == BackupMethod.mirror ? BackupMethod.delta : own().method(),
          m.bytesPerSecond());
    }
    m.replyTo().tell(jobs.view(runningRun));
    return this;
  }

  private String startRun(BackupMethod method, Long bytesPerSecond) {
    BackupConfig config = own();
    List<PeerRef> peers = PeerChoice.peers(settings.blade(), settings.dataCenter(), blades, config).stream()
        .map(this::ref).filter(java.util.Objects::nonNull).toList();
    Path root = config.rootOn(settings.dataDir());
    return start("run", p -> {
      PeerClient sender = bytesPerSecond == null ? client : client.sendingAlsoAtMost(UploadLimit.of(bytesPerSecond));
      BackupRun.Result r = new BackupRun(new BackupRun.Job(settings.blade(), root, config, method, peers, sender,
          new StateCache(settings.dataDir().resolve("backup").resolve("state.zst")), p, clock,
          settings.parallelism())).run();
      if (r.archive() != null && !config.aging().keepsAll()) {
        ForgetRun.run(settings.blade(), config.aging(), false, livePeers(), client, clock.getZone(), new JobProgress());
      }
      return r;
    });
  }

  private Behavior<Command> onStartRestore(StartRestore m) {
    BackupConfig config = configs.getOrDefault(m.source(), BackupConfig.DEFAULT);
    Path target;
    try {
      target = m.target() == null || m.target().isBlank() ? config.rootOn(settings.dataDir()) : Path.of(m.target());
    } catch (java.nio.file.InvalidPathException e) {
      m.replyTo().tell(jobs.refused("restore", "invalid restore target: " + e.getReason()));
      return this;
    }
    if (!target.isAbsolute()) {
      m.replyTo().tell(jobs.refused("restore", "the restore target must be an absolute path: " + m.target()));
      return this;
    }
    List<PeerRef> peers = livePeers();
    PeerClient reader = m.bytesPerSecond() == null ? client
        : client.readingAtMost(UploadLimit.of(m.bytesPerSecond()));
    String id = start("restore", p -> new RestoreRun(new RestoreRun.Job(m.source(), m.upto(), target, m.files(),
        peers, reader, p, settings.parallelism())).run());
    m.replyTo().tell(jobs.view(id));
    return this;
  }

  private Behavior<Command> onStartCheck(StartCheck m) {
    List<PeerRef> peers = livePeers().stream().filter(p -> !p.name().equals(m.source())).toList();
    m.replyTo().tell(jobs.view(start("check", p -> CheckRun.run(m.source(), m.readData(), peers, client, p))));
    return this;
  }

  private Behavior<Command> onStartForget(StartForget m) {
    Aging aging = configs.getOrDefault(m.source(), BackupConfig.DEFAULT).aging();
    List<PeerRef> peers = livePeers();
    m.replyTo().tell(jobs.view(start("forget", p ->
        ForgetRun.run(m.source(), aging, m.dryRun(), peers, client, clock.getZone(), p))));
    return this;
  }

  private Behavior<Command> onGetJob(GetJob m) {
    m.replyTo().tell(jobs.view(m.id()));
    return this;
  }

  /** A unit of blocking work with progress. */
  private interface Work {
    Object run(JobProgress progress) throws IOException;
  }

  private String start(String kind, Work work) {
    String id = jobs.add(kind);
    JobProgress progress = jobs.progress(id);
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
      try {
        return work.run(progress);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, io), (res, err) -> new JobDone(id, res, err));
    return id;
  }

  private Behavior<Command> onJobDone(JobDone m) {
    jobs.finish(m.id(), m.result(), m.error());
    if (m.id().equals(runningRun)) {
      runningRun = null;
      boolean mirror = own().method() == BackupMethod.mirror;
      if (m.error() != null && mirror) {
        // a mirror run that failed (a peer not there yet, a transfer cut) is tried again, backing off,
        // rather than waiting for the next change: the changes it missed must reach the peers
        mirrorRetry = mirrorRetry == null ? MIRROR_RETRY_MIN : min(mirrorRetry.multipliedBy(2), MIRROR_RETRY_MAX);
        getContext().getLog().warn("mirror backup of {} failed ({}): tried again in {} ms", settings.blade(),
            jobs.error(m.id()) == null ? m.error() : jobs.error(m.id()), mirrorRetry.toMillis());
        timers.startSingleTimer(MirrorDue.INSTANCE, mirrorRetry);
      } else if (m.error() == null && mirror) {
        mirrorRetry = null;
      }
      if (mirrorPending) {
        mirrorPending = false;
        runningRun = startRun(BackupMethod.mirror, null);
      }
    }
    return this;
  }

  private static java.time.Duration min(java.time.Duration a, java.time.Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  // ---- cluster view, schedule, peersync

  private Behavior<Command> onTick() {
    return seenBlades ? onBladesSeen(new BladesSeen(blades)) : this;
  }

  private Behavior<Command> onBladesSeen(BladesSeen m) {
    if (m.blades() == null) {
      return this;
    }
    blades = m.blades();
    seenBlades = true;
    Instant now = clock.instant();
    if (nextScheduled != null && !now.isBefore(nextScheduled)) {
      nextScheduled = Schedule.parse(own().schedule()).next(now, clock.getZone());
      if (runningRun == null) {
        runningRun = startRun(own().method() == BackupMethod.mirror ? BackupMethod.delta : own().method(), null);
      }
    }
    if (!syncing && System.nanoTime() - nextSync >= 0) {
      nextSync = System.nanoTime() + settings.syncInterval().toNanos();
      syncing = true;
      Map<String, BackupConfig> all = configs;
      List<PeerRef> others = livePeers().stream().filter(p -> !p.name().equals(settings.blade())).toList();
      List<String> sources = all.keySet().stream().filter(s -> !s.equals(settings.blade()))
          .filter(s -> PeerChoice.peers(s, dataCenterOf(s), blades, all.get(s)).contains(settings.blade())).toList();
      getContext().pipeToSelf(CompletableFuture.runAsync(() -> {
        for (String s : sources) {
          try {
            PeerSync.sync(s, others, client, store.packs(), store.catalogs());
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      }, io), (ok, err) -> new SyncDone(err));
    }
    return this;
  }

  private Behavior<Command> onSyncDone(SyncDone m) {
    syncing = false;
    if (m.error() != null) {
      getContext().getLog().warn("peersync did not finish: {}", m.error().toString());
    }
    return this;
  }

  private Behavior<Command> onConfigsChanged(ConfigsChanged m) {
    if (m.configs() == null) {
      return this;
    }
    configs = Map.copyOf(m.configs());
    BackupConfig config = own();
    nextScheduled = config.schedule() == null ? null : Schedule.parse(config.schedule()).next(clock.instant(), clock.getZone());
    String root = config.method() == BackupMethod.mirror ? config.rootOn(settings.dataDir()).toString() : null;
    if (!java.util.Objects.equals(root, watchedRoot)) {
      stopWatch();
      if (root != null) {
        // walking the tree to watch it is file I/O: it runs on the I/O dispatcher, not here
        watchedRoot = root;
        ActorRef<Command> self = getContext().getSelf();
        getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
          try {
            java.nio.file.Files.createDirectories(Path.of(root));
            return new MirrorWatch(Path.of(root), () -> self.tell(MirrorChanged.INSTANCE));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }, io), (w, err) -> new WatchStarted(root, w, err));
      }
    }
    return this;
  }

  private Behavior<Command> onWatchStarted(WatchStarted m) {
    if (m.watch() != null && m.root().equals(watchedRoot) && watch == null) {
      watch = m.watch();
      getContext().getSelf().tell(MirrorChanged.INSTANCE);
    } else if (m.watch() != null) {
      m.watch().close();  // the settings changed meanwhile
    } else if (m.root().equals(watchedRoot)) {
      watchedRoot = null;
      getContext().getLog().warn("cannot watch {} for the mirror backup: {}", m.root(), m.error().getMessage());
    }
    return this;
  }

  private Behavior<Command> onMirrorChanged() {
    if (!timers.isTimerActive(MirrorDue.INSTANCE)) {
      timers.startSingleTimer(MirrorDue.INSTANCE, settings.mirrorLag());
    }
    return this;
  }

  private Behavior<Command> onMirrorDue() {
    if (runningRun != null) {
      mirrorPending = true;
    } else if (own().method() == BackupMethod.mirror) {
      runningRun = startRun(BackupMethod.mirror, null);
    }
    return this;
  }

  private Behavior<Command> onStop() {
    stopWatch();
    return this;
  }

  private void stopWatch() {
    if (watch != null) {
      watch.close();
      watch = null;
    }
    watchedRoot = null;
  }

  private List<PeerRef> livePeers() {
    List<PeerRef> out = new ArrayList<>();
    for (BladeInfo b : blades) {
      if (b.status() == BladeStatus.Up && b.api() != null) {
        out.add(new PeerRef(b.name(), b.api()));
      }
    }
    return out;
  }

  private PeerRef ref(String name) {
    return livePeers().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }

  private String dataCenterOf(String blade) {
    return blades.stream().filter(b -> b.name().equals(blade)).map(BladeInfo::dataCenter).findFirst()
        .orElse(settings.dataCenter());
  }
}
