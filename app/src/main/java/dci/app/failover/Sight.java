package dci.app.failover;

import dci.hardware.ReplicatedMap;
import dci.hardware.body.BladeBody;
import dci.hardware.body.Reading;
import dci.protocol.BladeInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * What the coordinator sees: the directory (pushed to it), and the fail-over records, health
 * verdicts and spare marks it looks up every tick. Its first look reads the records from a
 * majority, so a coordinator that just started on a new blade knows every fail-over its
 * predecessor left unfinished; until then it is not {@link #loaded()} and starts nothing.
 */
final class Sight {
  /** A look's result. */
  record Looked(Map<String, FailoverRecord> records, Map<String, Reading> health, Map<String, String> spares,
      Throwable error) implements Coordinator.Command {}

  private final ActorContext<Coordinator.Command> ctx;
  private final FailoverJournal journal;
  private final ReplicatedMap<Reading> health;
  private List<BladeInfo> blades = List.of();
  private final Map<String, FailoverRecord> records = new HashMap<>();
  private Map<String, Reading> readings = Map.of();
  private Map<String, String> spareMarks = Map.of();
  private boolean loaded;
  private boolean looking;

  Sight(ActorContext<Coordinator.Command> ctx, FailoverJournal journal) {
    this.ctx = ctx;
    this.journal = journal;
    this.health = new ReplicatedMap<>(ctx.getSystem(), BladeBody.HEALTH_MAP, Duration.ofSeconds(3));
  }

  /** Looks the records, verdicts and marks up (unless a look is under way); answers {@link Looked}. */
  void look() {
    if (looking) {
      return;
    }
    looking = true;
    var r = (loaded ? journal.records() : journal.recordsFromMajority()).toCompletableFuture();
    var h = health.all().toCompletableFuture();
    var s = journal.spareMarks().toCompletableFuture();
    ctx.pipeToSelf(CompletableFuture.allOf(r, h, s), (x, err) -> err != null
        ? new Looked(null, null, null, err) : new Looked(r.join(), h.join(), s.join(), null));
  }

  /** Takes a look in; of a record it holds too, the version with more steps wins. False if the look failed. */
  boolean looked(Looked m) {
    looking = false;
    if (m.error() != null) {
      return false;
    }
    m.records().forEach((id, theirs) -> records.merge(id, theirs,
        (mine, t) -> mine.steps().size() > t.steps().size() ? mine : t));
    readings = m.health();
    spareMarks = m.spares();
    loaded = true;
    return true;
  }

  boolean loaded() {
    return loaded;
  }

  List<BladeInfo> blades() {
    return blades;
  }

  void blades(List<BladeInfo> now) {
    blades = now;
  }

  /** Every record, by id; the coordinator puts each step it stores. */
  Map<String, FailoverRecord> records() {
    return records;
  }

  Map<String, Reading> readings() {
    return readings;
  }

  Map<String, String> spareMarks() {
    return spareMarks;
  }
}
