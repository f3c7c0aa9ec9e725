package dci.storage.vnas;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What one read holds of the stripes it fetched and has not sent on yet: the stripe it is
 * sending, on the read's own slot (always its to take: the read always progresses), and those
 * fetched ahead of it, each on its size of the blade's {@link ReadAheadBudget} when there is
 * that much left. A stripe that finds neither waits, without a thread, for the own slot, in the
 * order the read asked. All is given back when the read ends, however it ends: what was
 * fetched and not sent at once, what is still being fetched when its fetch ends.
 */
final class ReadSlots {
  /** One stripe's hold: the read's own slot ({@code bytes} 0) or {@code bytes} of the budget. */
  static final class Slot {
    private final long bytes;
    private boolean fetching = true;
    private boolean released;

    private Slot(long bytes) {
      this.bytes = bytes;
    }

    boolean ahead() {
      return bytes > 0;
    }
  }

  private final ReadAheadBudget budget;
  private final ArrayDeque<CompletableFuture<Slot>> waiting = new ArrayDeque<>();
  private final Set<Slot> held = new HashSet<>();
  private boolean ownTaken;
  private boolean closed;

  ReadSlots(ReadAheadBudget budget) {
    this.budget = budget;
  }

  /** A hold for a stripe of {@code bytes} about to be fetched; completes when the read may fetch it. */
  synchronized CompletionStage<Slot> take(long bytes) {
    if (closed) {
      return CompletableFuture.failedFuture(new java.util.concurrent.CancellationException("the read has ended"));
    }
    if (!ownTaken) {
      ownTaken = true;
      return CompletableFuture.completedFuture(hold(new Slot(0)));
    }
    if (bytes > 0 && budget.tryTake(bytes)) {
      return CompletableFuture.completedFuture(hold(new Slot(bytes)));
    }
    CompletableFuture<Slot> f = new CompletableFuture<>();
    waiting.add(f);
    return f;
  }

  private Slot hold(Slot s) {
    held.add(s);
    return s;
  }

  /** The stripe's fetch has ended; if the read ended meanwhile, its hold goes back now. */
  void fetched(Slot s) {
    boolean late;
    synchronized (this) {
      s.fetching = false;
      late = closed;
    }
    if (late) {
      release(s);
    }
  }

  /** The stripe was sent on, or its fetch failed: its hold goes back (once, however often asked). */
  void release(Slot s) {
    CompletableFuture<Slot> next = null;
    Slot handed = null;
    synchronized (this) {
      if (s.released) {
        return;
      }
      s.released = true;
      held.remove(s);
      if (s.ahead()) {
        budget.give(s.bytes);
        return;
      }
      next = closed ? null : waiting.poll();
      if (next == null) {
        ownTaken = false;
      } else {
        handed = hold(new Slot(0));
      }
    }
    if (next != null) {
      next.complete(handed); // outside the lock: completing it starts that stripe's fetch
    }
  }

  /** The read has ended (done, failed or cancelled). */
  void close() {
    List<Slot> done = new ArrayList<>();
    List<CompletableFuture<Slot>> dropped;
    synchronized (this) {
      closed = true;
      held.stream().filter(s -> !s.fetching).forEach(done::add);
      dropped = new ArrayList<>(waiting);
      waiting.clear();
    }
    done.forEach(this::release);
    dropped.forEach(f -> f.cancel(false));
  }
}
