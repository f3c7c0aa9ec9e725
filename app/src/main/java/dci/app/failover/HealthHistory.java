package dci.app.failover;

import dci.hardware.ReplicatedMap;
import dci.hardware.body.Reading;
import dci.protocol.api.MetricsHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * Every blade's body readings of the last {@code window} (an hour by default), kept in memory on
 * each blade for {@code GET /api/metrics/history}: the blade follows its copy of the replicated
 * health map (a subscription: Distributed Data tells it of each change, and nothing runs while
 * nothing changes) and keeps each blade's reading it has not seen yet. Readings closer together
 * than Distributed Data tells of changes (its notify-subscribers-interval, 500 ms) fold into
 * the later one; the default sample interval is 1 s. At most
 * {@code window / interval} readings per blade; the oldest go first. Lost on restart (it is a
 * chart, not a record).
 */
final class HealthHistory {
  private final Duration interval;
  private final Duration window;
  private final int capacity;
  private final Map<String, ArrayDeque<MetricsHistory.Sample>> byBlade = new HashMap<>();

  HealthHistory(Duration interval, Duration window) {
    if (interval.isZero() || interval.isNegative() || window.compareTo(interval) < 0) {
      throw new IllegalArgumentException("dci.body.history (" + window + ") must be at least the sample interval ("
          + interval + ")");
    }
    this.interval = interval;
    this.window = window;
    this.capacity = (int) Math.max(1, window.toMillis() / interval.toMillis());
  }

  /** Follows {@code health} as it changes on this blade, until the blade's actor system ends. */
  void follow(ActorSystem<?> system, ReplicatedMap<Reading> health) {
    system.systemActorOf(Behaviors.<Replicator.SubscribeResponse<LWWMap<String, Reading>>>setup(ctx -> {
      DistributedData.get(system).replicator().tell(new Replicator.Subscribe<>(health.key(), ctx.getSelf()));
      return Behaviors.receiveMessage(rsp -> {
        if (rsp instanceof Replicator.Changed<LWWMap<String, Reading>> c) {
          c.get(health.key()).getEntries().values().forEach(this::add);
        }
        return Behaviors.same();
      });
    }), "health-history", Props.empty());
  }

  /** Keeps {@code r} unless it is not newer than the blade's last reading kept. */
  synchronized void add(Reading r) {
    if (r == null || r.blade() == null || r.at() == null) {
      return;
    }
    ArrayDeque<MetricsHistory.Sample> q = byBlade.computeIfAbsent(r.blade(), b -> new ArrayDeque<>());
    if (!q.isEmpty() && !r.at().isAfter(q.peekLast().at())) {
      return;
    }
    q.addLast(new MetricsHistory.Sample(r.at(), r.cpuLoad(), r.memoryUsed(), r.memoryTotal(), r.diskFree(),
        r.diskTotal(), r.temperature(), r.diskErrorRate(), r.condition() == null ? null : r.condition().name()));
    while (q.size() > capacity) {
      q.removeFirst();
    }
  }

  /** {@code blade}'s readings at or after {@code since}, oldest first (none for a blade never heard). */
  synchronized MetricsHistory of(String blade, Instant since) {
    ArrayDeque<MetricsHistory.Sample> q = byBlade.get(blade);
    List<MetricsHistory.Sample> out = q == null ? List.of()
        : q.stream().filter(s -> !s.at().isBefore(since)).toList();
    return new MetricsHistory(blade, interval.toMillis(), window.toMillis(), since, out);
  }

  /** Whether any reading of {@code blade} was heard. */
  synchronized boolean knows(String blade) {
    return byBlade.containsKey(blade);
  }

  Duration window() {
    return window;
  }
}
