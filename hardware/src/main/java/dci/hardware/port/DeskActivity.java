package dci.hardware.port;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What users do at the desks this blade serves: the desk sessions (shells) open now, and the
 * logins since they were last counted (a desk session opened, or a desk command run, here).
 * Written by the desk routes, read by whoever samples the blade's use. Thread-safe.
 */
public final class DeskActivity {
  private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> logins = new ConcurrentHashMap<>();

  /** A desk session of {@code user} opened here (a login). */
  public void opened(String user) {
    open.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
    loggedIn(user);
  }

  /** A desk session of {@code user} opened here ended. */
  public void closed(String user) {
    open.computeIfPresent(user, (u, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  /** {@code user} logged in to a desk here without a session (one desk command). */
  public void loggedIn(String user) {
    logins.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
  }

  /** The desk sessions open now, by user (sorted). */
  public Map<String, Integer> sessions() {
    Map<String, Integer> out = new TreeMap<>();
    open.forEach((u, n) -> {
      if (n.get() > 0) {
        out.put(u, n.get());
      }
    });
    return out;
  }

  /** The logins since the last call, by user (sorted), and starts counting again. */
  public Map<String, Integer> drainLogins() {
    Map<String, Integer> out = new TreeMap<>();
    for (String u : logins.keySet()) {
      AtomicInteger n = logins.remove(u);
      if (n != null && n.get() > 0) {
        out.merge(u, n.get(), Integer::sum);
      }
    }
    return out;
  }
}
