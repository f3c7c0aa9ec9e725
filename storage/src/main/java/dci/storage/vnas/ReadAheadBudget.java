package dci.storage.vnas;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of stripes the reads of this blade may hold fetched ahead of the one each is
 * sending, all reads together ({@code dci.vnas.read-ahead-budget}). It is taken without
 * waiting, or not at all: a read that finds none left fetches one stripe at a time on its own
 * slot (see {@link ReadSlots}), so no read waits for another and none fails for want of budget.
 */
public final class ReadAheadBudget {
  private final long capacity;
  private final AtomicLong used = new AtomicLong();
  private final AtomicLong peak = new AtomicLong();

  public ReadAheadBudget(long capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("dci.vnas.read-ahead-budget must not be negative");
    }
    this.capacity = capacity;
  }

  /** Takes {@code bytes} if that many are left and answers true; else takes nothing and answers false. */
  public boolean tryTake(long bytes) {
    while (true) {
      long u = used.get();
      if (bytes > capacity - u) {
        return false;
      }
      if (used.compareAndSet(u, u + bytes)) {
        peak.accumulateAndGet(u + bytes, Math::max);
        return true;
      }
    }
  }

  /** Gives back {@code bytes} taken by {@link #tryTake}. */
  public void give(long bytes) {
    if (used.addAndGet(-bytes) < 0) {
      throw new IllegalStateException("more read-ahead budget given back than was taken");
    }
  }

  /** The budget, in bytes. */
  public long capacity() {
    return capacity;
  }

  /** Bytes taken now. */
  public long used() {
    return used.get();
  }

  /** The most bytes ever taken at once since this blade started. */
  public long peak() {
    return peak.get();
  }
}
