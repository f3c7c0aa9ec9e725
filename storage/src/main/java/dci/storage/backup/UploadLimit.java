package dci.storage.backup;

import java.util.concurrent.TimeUnit;

/**
 * The most bytes per second a blade sends to its backup peers, all runs and peers together
 * ({@code dci.backup.limit-upload}, like restic's {@code --limit-upload}): a token bucket paid
 * per pack, so a pack waits until the packs before it have had their share of time. A blade
 * whose backups must not fill its uplink sets it; zero is no limit.
 */
public final class UploadLimit {
  /** No limit. */
  public static final UploadLimit NONE = new UploadLimit(0);

  private final long bytesPerSecond;
  private long nextFree;

  private UploadLimit(long bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
  }

  /** A limit of {@code bytesPerSecond} (zero or less: none). */
  public static UploadLimit of(long bytesPerSecond) {
    return bytesPerSecond <= 0 ? NONE : new UploadLimit(bytesPerSecond);
  }

  public long bytesPerSecond() {
    return bytesPerSecond;
  }

  /** Waits (on the caller's I/O thread) until {@code bytes} may be sent. */
  public void acquire(long bytes) throws InterruptedException {
    if (bytesPerSecond <= 0) {
      return;
    }
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long start = nextFree - now > 0 ? nextFree : now;
      nextFree = start + (long) (bytes * (1e9 / bytesPerSecond));
      wait = start - now;
    }
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
