package dci.app.failover;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.actors.log.Direction;
import dci.actors.log.MessageLog;
import dci.hardware.ReplicatedMap;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Where fail-overs are written: every record in the replicated map {@value #RECORDS} (so any
 * blade can report and carry them on), every step also as an envelope of app type
 * {@value #APP_TYPE} in the message log of the blade that took it; and the spare pool's marks
 * ({@value #SPARES}: "added", "removed" or "in-service").
 */
public final class FailoverJournal {
  public static final String RECORDS = "dci-failovers";
  public static final String SPARES = "dci-spares";
  public static final String APP_TYPE = "dci.failover";

  private final String blade;
  private final ReplicatedMap<FailoverRecord> records;
  private final ReplicatedMap<String> spares;
  private final ActorRef<MessageLog.Command> log;

  public FailoverJournal(ActorSystem<?> system, String blade, ActorRef<MessageLog.Command> log, Duration timeout) {
    this.blade = blade;
    this.log = log;
    this.records = new ReplicatedMap<>(system, RECORDS, timeout);
    this.spares = new ReplicatedMap<>(system, SPARES, timeout);
  }

  public CompletionStage<Map<String, FailoverRecord>> records() {
    return records.all();
  }

  /** The replicated map of records, to subscribe to. */
  ReplicatedMap<FailoverRecord> recordsMap() {
    return records;
  }

  /** The replicated map of spare marks, to subscribe to. */
  ReplicatedMap<String> sparesMap() {
    return spares;
  }

  public CompletionStage<Map<String, FailoverRecord>> recordsFromMajority() {
    return records.allFromMajority();
  }

  public CompletionStage<Map<String, String>> spareMarks() {
    return spares.all();
  }

  public CompletionStage<String> markSpare(String name, String mark) {
    return spares.put(name, mark);
  }

  /**
   * Stores the record on a majority and logs each step it has that {@code before} (the same
   * fail-over as last stored, or null) had not: a new record logs its detection and decision.
   */
  public CompletionStage<FailoverRecord> store(FailoverRecord before, FailoverRecord r) {
    int from = before == null ? 0 : Math.min(before.steps().size(), r.steps().size());
    for (int i = from; i < r.steps().size(); i++) {
      logStep(r, r.steps().get(i));
    }
    return records.put(r.id(), r);
  }

  private void logStep(FailoverRecord r, FailoverRecord.Step step) {
    ObjectNode payload = JsonNodeFactory.instance.objectNode()
        .put("failover", r.id()).put("failed", r.failed()).put("state", r.state())
        .put("method", r.method() == null ? null : r.method().name())
        .put("replacement", r.replacement()).put("step", step.what()).put("at", step.at().toString());
    Sender from = new Sender(blade, APP_TYPE, null);
    Envelope e = new Envelope(null, APP_TYPE, r.id().replaceAll("[^A-Za-z0-9._-]", "-"), from, Recipients.all(), 1, 0,
        null, null, null, payload).completed(from, Instant.now());
    log.tell(new MessageLog.Append(Direction.SENT, e, "fail-over " + r.id() + ": " + step.what()));
  }
}
