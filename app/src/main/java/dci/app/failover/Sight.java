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
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * What the coordinator sees: the directory (pushed to it), and the fail-over records, health
 * verdicts and spare marks, which Distributed Data pushes to it as they change (a subscription
 * each: nothing is read while nothing changes). Its first look reads the records from a
 * majority, so a coordinator that just started on a new blade knows every fail-over its
 * predecessor left unfinished; until then it is not {@link #loaded()} and starts nothing.
 */
final class Sight {
  /** A look's result. */
  record Looked(Map<String, FailoverRecord> records, Map<String, Reading> health, Map<String, String> spares,
      Throwable error) implements Coordinator.Command {}

  /** A replicated map changed on this blade: the records, the health verdicts or the spare marks. */
  record Changed(Kind kind, Map<String, ?> entries) implements Coordinator.Command {}

  enum Kind { RECORDS, HEALTH, SPARES }

  private final ActorContext<Coordinator.Command> ctx;
  private final FailoverJournal journal;
  private final ReplicatedMap<Reading> health;
  private List<BladeInfo> blades = List.of();
  private final Map<String, FailoverRecord> records = new HashMap<>();
  private Map<String, Reading> readings = Map.of();
  private Map<String, String> spareMarks = Map.of();
  private boolean loaded;
  private boolean heardHealth;
  private boolean heardSpares;
  private boolean looking;

  Sight(ActorContext<Coordinator.Command> ctx, FailoverJournal journal) {
    this.ctx = ctx;
    this.journal = journal;
    this.health = new ReplicatedMap<>(ctx.getSystem(), BladeBody.HEALTH_MAP, Duration.ofSeconds(3));
    subscribe();
  }

  /**
   * One adapter for the three maps (an actor has one message adapter per message class: a
   * second would replace the first), told apart by key.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void subscribe() {
    var records = journal.recordsMap().key();
    var spares = journal.sparesMap().key();
    ActorRef<Replicator.SubscribeResponse> adapter = ctx.messageAdapter(Replicator.SubscribeResponse.class, rsp -> {
      Kind kind = rsp.key().equals(records) ? Kind.RECORDS : rsp.key().equals(spares) ? Kind.SPARES : Kind.HEALTH;
      return new Changed(kind, rsp instanceof Replicator.Changed c ? ((LWWMap<String, ?>) c.dataValue()).getEntries()
          : Map.of());
    });
    var replicator = DistributedData.get(ctx.getSystem()).replicator();
    replicator.tell(new Replicator.Subscribe(records, adapter));
    replicator.tell(new Replicator.Subscribe(health.key(), adapter));
    replicator.tell(new Replicator.Subscribe(spares, adapter));
  }

  /**
   * Takes a change in (of the records, as in a look: the version with more steps wins). False
   * until the first look has been taken in: the coordinator evaluates nothing before.
   */
  @SuppressWarnings("unchecked")
  boolean changed(Changed m) {
    switch (m.kind()) {
      case RECORDS -> merge((Map<String, FailoverRecord>) m.entries());
      case HEALTH -> {
        readings = (Map<String, Reading>) m.entries();
        heardHealth = true;
      }
      case SPARES -> {
        spareMarks = (Map<String, String>) m.entries();
        heardSpares = true;
      }
    }
    return loaded;
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
    merge(m.records());
    // a change pushed since is newer than the look
    if (!heardHealth) {
      readings = m.health();
    }
    if (!heardSpares) {
      spareMarks = m.spares();
    }
    loaded = true;
    return true;
  }

  /** Of a record held here too, the version with more steps wins. */
  private void merge(Map<String, FailoverRecord> seen) {
    seen.forEach((id, theirs) -> records.merge(id, theirs,
        (mine, t) -> mine.steps().size() > t.steps().size() ? mine : t));
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
