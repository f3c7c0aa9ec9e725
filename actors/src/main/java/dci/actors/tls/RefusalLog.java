package dci.actors.tls;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused TLS handshakes once a minute per peer and reason, not per attempt: a stranger
 * retrying every few seconds costs one log line a minute, with the count of attempts since the
 * last.
 */
public final class RefusalLog {
  private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);

  private final long windowNanos;
  private final String blade;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();

  private static final class Window {
    final long start;
    final AtomicLong suppressed = new AtomicLong();

    Window(long start) {
      this.start = start;
    }
  }

  public RefusalLog(String blade, Duration window) {
    this.blade = blade;
    this.windowNanos = window.toNanos();
  }

  /**
   * A handshake with {@code peer} (an address, or a description when the TLS layer does not
   * know the address) failed for {@code reason}. True when this one was logged.
   */
  public boolean refused(String peer, String reason) {
    total.incrementAndGet();
    long now = System.nanoTime();
    long[] earlier = {-1};
    windows.compute(peer + "|" + reason, (k, old) -> {
      if (old == null || now - old.start >= windowNanos) {
        earlier[0] = old == null ? 0 : old.suppressed.get();
        return new Window(now);
      }
      old.suppressed.incrementAndGet();
      return old;
    });
    if (earlier[0] >= 0) {
      LOG.warn("blade {} refused a TLS handshake on Artery with {}: {}{}", blade, peer, reason,
          earlier[0] > 0 ? " (" + earlier[0] + " more refused in the minute before)" : "");
    }
    if (windows.size() > 1000) {
      windows.entrySet().removeIf(e -> now - e.getValue().start >= windowNanos);
    }
    return earlier[0] >= 0;
  }

  /** Handshakes refused since the blade started. */
  public long total() {
    return total.get();
  }
}
