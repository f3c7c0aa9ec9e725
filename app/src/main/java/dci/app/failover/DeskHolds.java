package dci.app.failover;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Users whose data a replacement blade is still restoring: a desk command of such a user waits
 * (up to a limit) for the restore, so the user does not see a half-restored home. Shared by
 * the blade's fail-over actor (which holds and releases) and its desk (which waits).
 */
public final class DeskHolds {
  private final ConcurrentHashMap<String, CompletableFuture<Void>> held = new ConcurrentHashMap<>();

  /** Holds {@code user}'s desk until {@link #release}. */
  public void hold(String user) {
    held.computeIfAbsent(user, u -> new CompletableFuture<>());
  }

  public void release(String user) {
    CompletableFuture<Void> f = held.remove(user);
    if (f != null) {
      f.complete(null);
    }
  }

  public boolean isHeld(String user) {
    return held.containsKey(user);
  }

  /** Completes when {@code user} is not held, or after {@code limit} at the latest. */
  public CompletableFuture<Void> whenFree(String user, Duration limit) {
    CompletableFuture<Void> f = held.get(user);
    if (f == null) {
      return CompletableFuture.completedFuture(null);
    }
    // a copy: one waiter's time limit must not release the hold for the others
    return f.copy().completeOnTimeout(null, limit.toMillis(), TimeUnit.MILLISECONDS).thenApply(x -> null);
  }
}
