package dci.storage.vnas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.ReplicatedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * Group commit of index changes: while one update of a key is on its way to the other blades,
 * the changes asked for meanwhile wait and then go out together, as one update. Every update
 * merges and stores the whole key on every blade, so under load this divides that cost by the
 * number of changes per batch; alone, a change goes out at once. Each change is still applied
 * atomically, in the order asked, and one that throws fails alone: the rest of its batch is
 * written.
 */
final class IndexWriter {
  private final ActorSystem<?> system;
  private final ActorRef<Replicator.Command> replicator;
  private final Duration timeout;
  private final Map<String, Queue> queues = new ConcurrentHashMap<>();

  IndexWriter(ActorSystem<?> system, ActorRef<Replicator.Command> replicator, Duration timeout) {
    this.system = system;
    this.replicator = replicator;
    this.timeout = timeout;
  }

  /** A change waiting for its batch. */
  private record Change(UnaryOperator<ReplicatedData> modify, CompletableFuture<Done> done) {}

  /** The changes of one key waiting for the update in flight, if any. */
  private static final class Queue {
    final List<Change> waiting = new ArrayList<>();
    boolean busy;
  }

  /** Times a batch whose write timed out is sent again before it counts as done anyway. */
  static final int RESENDS = 2;

  /**
   * Applies {@code modify} to {@code key} (starting from {@code empty}), written with the
   * consistency {@code consistency} gives when its batch goes out. A write that times out is
   * sent again ({@link #RESENDS} times, with the consistency of that moment: a blade found
   * unreachable meanwhile no longer holds it up), so a slow blade still has it before the
   * caller hears "done"; after that it counts as done: it is on this blade, durably, and
   * gossiped to the rest.
   */
  @SuppressWarnings("unchecked")
  <A extends ReplicatedData> CompletionStage<Done> write(Key<A> key, A empty,
      Supplier<Replicator.WriteConsistency> consistency, UnaryOperator<A> modify) {
    Queue q = queues.computeIfAbsent(key.id(), k -> new Queue());
    Change c = new Change(d -> modify.apply((A) d), new CompletableFuture<>());
    boolean start;
    synchronized (q) {
      q.waiting.add(c);
      start = !q.busy;
      q.busy = true;
    }
    if (start) {
      flush((Key<ReplicatedData>) key, empty, consistency, q);
    }
    return c.done();
  }

  private void flush(Key<ReplicatedData> key, ReplicatedData empty, Supplier<Replicator.WriteConsistency> consistency,
      Queue q) {
    List<Change> batch;
    synchronized (q) {
      batch = List.copyOf(q.waiting);
      q.waiting.clear();
      if (batch.isEmpty()) {
        q.busy = false;
        return;
      }
    }
    // written by the replicator while it applies the batch, read once it has answered
    RuntimeException[] refused = new RuntimeException[batch.size()];
    UnaryOperator<ReplicatedData> all = data -> {
      ReplicatedData d = data;
      for (int i = 0; i < batch.size(); i++) {
        try {
          d = batch.get(i).modify().apply(d);
        } catch (RuntimeException e) {
          refused[i] = e;
        }
      }
      return d;
    };
    send(key, empty, consistency, all, 0).whenComplete((rsp, err) -> {
          Throwable failure = err != null ? err
              : rsp instanceof Replicator.UpdateSuccess || rsp instanceof Replicator.UpdateTimeout ? null
              : rsp instanceof Replicator.ModifyFailure<ReplicatedData> f ? f.cause()
              : new IllegalStateException("index write failed: " + rsp);
          for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<Done> done = batch.get(i).done();
            if (refused[i] != null) {
              done.completeExceptionally(refused[i]);
            } else if (failure != null) {
              done.completeExceptionally(failure);
            } else {
              done.complete(Done.getInstance());
            }
          }
          flush(key, empty, consistency, q);
        });
  }

  /** Sends {@code modify}; on a timeout, sends the key as it now is again, up to {@link #RESENDS} times. */
  private CompletionStage<Replicator.UpdateResponse<ReplicatedData>> send(Key<ReplicatedData> key, ReplicatedData empty,
      Supplier<Replicator.WriteConsistency> consistency, UnaryOperator<ReplicatedData> modify, int resent) {
    Replicator.WriteConsistency wc = consistency.get();
    return AskPattern.<Replicator.Command, Replicator.UpdateResponse<ReplicatedData>>ask(replicator,
            r -> new Replicator.Update<>(key, empty, wc, r, modify::apply), timeout.plusSeconds(2), system.scheduler())
        .thenCompose(rsp -> rsp instanceof Replicator.UpdateTimeout && resent < RESENDS
            ? send(key, empty, consistency, UnaryOperator.identity(), resent + 1)
            : CompletableFuture.completedFuture(rsp));
  }
}
