package dci.app.aims;

import dci.protocol.aims.Alert;
import dci.protocol.aims.Quarantined;
import dci.storage.vnas.VnasEntry;
import dci.storage.vnas.VnasVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.stream.javadsl.FileIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans each file written to the VNAS through this blade with ClamAV, one at a time from a
 * bounded queue (a burst of writes beyond it is counted as skipped, not held in memory), and
 * the files of a sweep (every {@code dci.aims.scan.every} on the first Up blade, the desk homes
 * on every blade; or when an operator asks) in the gaps. An
 * infected file is copied into the blade's {@link Quarantine}, removed from the VNAS (unless it
 * was rewritten meanwhile: that version is scanned in its turn), and raised as an alert.
 */
final class InfectionScanner extends AbstractBehavior<InfectionScanner.Command> {
  private static final Logger LOG = LoggerFactory.getLogger(InfectionScanner.class);

  interface Command {}

  /** Scan the file as {@code entry} describes it. */
  record Scan(VnasEntry entry) implements Command {}

  /** Answers the scanner's counts. */
  record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /** What the scanner has done since the blade started. */
  record Status(String blade, boolean available, String why, long scanned, long infected, long failed, long skipped,
      int queued) {}

  /** Queue every file under {@code root} (a scheduled pass, or an operator's); answers how many. */
  record Sweep(dci.storage.vnas.VnasPath root, ActorRef<Integer> replyTo) implements Command {}

  private record Swept(java.util.List<VnasEntry> entries, ActorRef<Integer> replyTo) implements Command {}

  private enum Tick implements Command { INSTANCE }

  private record Leading(boolean first) implements Command {}

  private record Scanned(VnasEntry entry, Quarantined quarantined, String error) implements Command {}

  /**
   * @param every how often the scheduled pass runs (zero: never): the desk homes on every blade,
   *     the whole VNAS on the first Up blade
   */
  record Settings(String blade, int maxQueue, long maxBytes, Path work, java.time.Duration every) {}

  /** Files a sweep may hold waiting (beyond them it is cut short, and says so in the log). */
  private static final int MAX_SWEEP = 1_000_000;

  private final Settings settings;
  private final ClamAv clam;
  private final Quarantine quarantine;
  private final VnasVolume volume;
  private final Alerts alerts;
  private final Executor io;
  private final Clock clock;
  private final String unavailable;
  private final ArrayDeque<VnasEntry> queue = new ArrayDeque<>();
  private final ArrayDeque<VnasEntry> sweep = new ArrayDeque<>();
  private final HomeScan homes;
  private final java.util.function.Supplier<java.util.concurrent.CompletionStage<Boolean>> leader;
  private boolean busy;
  private long scanned;
  private long infected;
  private long failed;
  private long skipped;

  static Behavior<Command> create(Settings settings, ClamAv clam, Quarantine quarantine, VnasVolume volume,
      Alerts alerts, Executor io, Clock clock, HomeScan homes,
      java.util.function.Supplier<java.util.concurrent.CompletionStage<Boolean>> leader) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      if (!settings.every().isZero()) {
        timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.every());
      }
      return new InfectionScanner(ctx, settings, clam, quarantine, volume, alerts, io, clock, homes, leader);
    }));
  }

  private InfectionScanner(ActorContext<Command> ctx, Settings settings, ClamAv clam, Quarantine quarantine,
      VnasVolume volume, Alerts alerts, Executor io, Clock clock, HomeScan homes,
      java.util.function.Supplier<java.util.concurrent.CompletionStage<Boolean>> leader) {
    super(ctx);
    this.homes = homes;
    this.leader = leader;
    this.settings = settings;
    this.clam = clam;
    this.quarantine = quarantine;
    this.volume = volume;
    this.alerts = alerts;
    this.io = io;
    this.clock = clock;
    this.unavailable = clam.unavailable().orElse(null);
    if (unavailable != null) {
      LOG.warn("{}: files written to the VNAS are not scanned: {}", settings.blade(), unavailable);
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Scan.class, this::onScan)
        .onMessage(Scanned.class, this::onScanned)
        .onMessage(Sweep.class, m -> {
          if (volume == null) {
            m.replyTo().tell(0);
            return this;
          }
          getContext().pipeToSelf(volume.index().tree(m.root()), (all, err) -> new Swept(err == null ? all
              : java.util.List.of(), m.replyTo()));
          return this;
        })
        .onMessage(Swept.class, this::onSwept)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(Leading.class, m -> {
          if (m.first()) {
            getContext().getSelf().tell(new Sweep(dci.storage.vnas.VnasPath.ROOT, getContext().getSystem().ignoreRef()));
          }
          return this;
        })
        .onMessage(GetStatus.class, m -> {
          m.replyTo().tell(new Status(settings.blade(), unavailable == null, unavailable, scanned, infected, failed,
              skipped, queue.size() + sweep.size()));
          return this;
        })
        .build();
  }

  private Behavior<Command> onScan(Scan m) {
    if (unavailable != null || m.entry().collection()) {
      return this;
    }
    if (m.entry().size() > settings.maxBytes() || queue.size() >= settings.maxQueue()) {
      skipped++;
      return this;
    }
    queue.addLast(m.entry());
    next();
    return this;
  }

  private Behavior<Command> onSwept(Swept m) {
    int added = 0;
    for (VnasEntry e : m.entries()) {
      if (!e.collection() && e.size() <= settings.maxBytes() && sweep.size() < MAX_SWEEP) {
        sweep.addLast(e);
        added++;
      }
    }
    if (added < m.entries().stream().filter(e -> !e.collection()).count()) {
      LOG.warn("{}: the VNAS sweep left out files over dci.aims.scan.max-bytes or beyond {} waiting", settings.blade(),
          MAX_SWEEP);
    }
    m.replyTo().tell(unavailable == null ? added : 0);
    if (unavailable != null) {
      sweep.clear();
    }
    next();
    return this;
  }

  /** The scheduled pass: this blade's homes, and the VNAS if this blade is the first Up one. */
  private Behavior<Command> onTick() {
    if (unavailable != null) {
      return this;
    }
    CompletableFuture.runAsync(homes::run, io);
    getContext().pipeToSelf(leader.get(), (first, err) -> new Leading(err == null && first));
    return this;
  }

  private void next() {
    if (busy || (queue.isEmpty() && sweep.isEmpty())) {
      return;
    }
    busy = true;
    // what was just written goes first; the sweep fills the gaps
    VnasEntry e = queue.isEmpty() ? sweep.removeFirst() : queue.removeFirst();
    getContext().pipeToSelf(scan(e), (q, err) -> new Scanned(e, q, err == null ? null
        : err.getCause() != null ? err.getCause().getMessage() : err.getMessage()));
  }

  private java.util.concurrent.CompletionStage<Quarantined> scan(VnasEntry e) {
    ActorSystem<?> system = getContext().getSystem();
    Path tmp;
    try {
      Files.createDirectories(settings.work());
      tmp = Files.createTempFile(settings.work(), "scan-", ".bin");
    } catch (java.io.IOException ex) {
      return CompletableFuture.failedFuture(ex);
    }
    return volume.read(e, 0, e.size()).runWith(FileIO.toPath(tmp), system)
        .thenApplyAsync(done -> {
          try {
            ClamAv.Verdict v = clam.scan(tmp);
            if (v.error() != null) {
              throw new IllegalStateException(v.error());
            }
            if (!v.infected()) {
              return null;
            }
            return quarantine.keep(tmp, settings.blade(), e.path(), v.signature(), clock.instant());
          } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
          } finally {
            try {
              Files.deleteIfExists(tmp);
            } catch (java.io.IOException ignored) {
              // moved into quarantine, or gone
            }
          }
        }, io)
        .thenCompose(q -> q == null ? CompletableFuture.<Quarantined>completedFuture(null)
            : volume.index().change(e.vnasPath(), now -> now != null && now.version() == e.version() ? null : now)
                .thenApply(d -> q));
  }

  private Behavior<Command> onScanned(Scanned m) {
    busy = false;
    if (m.error() != null) {
      failed++;
      LOG.warn("{}: cannot scan {}: {}", settings.blade(), m.entry().path(), m.error());
    } else {
      scanned++;
      Quarantined q = m.quarantined();
      if (q != null) {
        infected++;
        LOG.warn("{}: {} is infected ({}): quarantined as {}", settings.blade(), q.path(), q.signature(), q.id());
        alerts.raise(Alert.key("infection", q.blade(), q.path()), new Alert("infection", q.blade(), "file", 1,
            q.blade() + ": " + q.path() + " infected (" + q.signature() + "): quarantined as " + q.id(), q.at()));
      }
    }
    next();
    return this;
  }
}
