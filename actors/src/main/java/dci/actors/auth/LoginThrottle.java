package dci.actors.auth;

import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Slows repeated failed logins, counted per socket address (never a client's X-Forwarded-For)
 * and per user name: after {@code freeFailures} failures of either, each answer waits
 * {@code baseDelay * 2^(n - freeFailures)}, at most {@code maxDelay}. A user's count is the
 * sum of what each address failed on it; a good login clears its own address's count and that
 * address's share of the user's, never another address's (an attacker hammering a user from
 * elsewhere stays slowed). A count quiet for {@code forgetAfter} starts afresh. Password checks running at once are capped: beyond the
 * cap a login is answered 429 at once, so a flood cannot take the blade's CPU.
 */
public final class LoginThrottle {
  private final int freeFailures;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration forgetAfter;
  private final Clock clock;
  private final Semaphore checks;
  private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

  private record Failures(int count, Instant last) {}

  public LoginThrottle(int freeFailures, Duration baseDelay, Duration maxDelay, Duration forgetAfter, Clock clock) {
    this(freeFailures, baseDelay, maxDelay, forgetAfter, clock, 4);
  }

  public LoginThrottle(int freeFailures, Duration baseDelay, Duration maxDelay, Duration forgetAfter, Clock clock,
      int concurrentChecks) {
    this.freeFailures = freeFailures;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.forgetAfter = forgetAfter;
    this.clock = clock;
    this.checks = new Semaphore(concurrentChecks);
  }

  public static LoginThrottle fromConfig(Config config) {
    Config c = config.getConfig("dci.auth.login-throttle");
    return new LoginThrottle(c.getInt("free-failures"), c.getDuration("base-delay"), c.getDuration("max-delay"),
        c.getDuration("forget-after"), Clock.systemUTC(), c.getInt("concurrent-checks"));
  }

  /** How long the next login of {@code user} from {@code address} must wait before it is answered. */
  public Duration delayFor(String address, String user) {
    Duration a = delay(count(addressKey(address)));
    String prefix = userKey(user) + "|";
    int onUser = 0;
    for (var e : failures.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        onUser += live(e.getValue());
      }
    }
    Duration u = delay(onUser);
    return a.compareTo(u) >= 0 ? a : u;
  }

  private int count(String key) {
    Failures f = failures.get(key);
    return f == null ? 0 : live(f);
  }

  private int live(Failures f) {
    return f.last().plus(forgetAfter).isBefore(clock.instant()) ? 0 : f.count();
  }

  private Duration delay(int count) {
    int over = count - freeFailures;
    if (over < 0) {
      return Duration.ZERO;
    }
    long millis = baseDelay.toMillis() << Math.min(over, 20);
    return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
  }

  public void failed(String address, String user) {
    Instant now = clock.instant();
    for (String key : new String[] {addressKey(address), userKey(user) + "|" + address}) {
      failures.compute(key, (k, f) ->
          f == null || f.last().plus(forgetAfter).isBefore(now) ? new Failures(1, now) : new Failures(f.count() + 1, now));
    }
    if (failures.size() > 20_000) {
      failures.entrySet().removeIf(e -> e.getValue().last().plus(forgetAfter).isBefore(now));
    }
  }

  /**
   * A good login of {@code user} from {@code address}: that address starts afresh, on its own and
   * on that user; what other addresses failed on the user stays.
   */
  public void succeeded(String address, String user) {
    failures.remove(addressKey(address));
    failures.remove(userKey(user) + "|" + address);
  }

  /** Failed logins of a user from an address that are still remembered (within forget-after). */
  public record Failed(String user, String address, int count, Instant last) {}

  /** The failed logins this blade remembers, by user and address, most recent first (for audits). */
  public java.util.List<Failed> recentFailures() {
    java.util.List<Failed> out = new java.util.ArrayList<>();
    for (var e : failures.entrySet()) {
      int bar = e.getKey().indexOf('|');
      if (e.getKey().startsWith("u:") && bar > 0 && live(e.getValue()) > 0) {
        out.add(new Failed(e.getKey().substring(2, bar), e.getKey().substring(bar + 1), e.getValue().count(),
            e.getValue().last()));
      }
    }
    out.sort(java.util.Comparator.comparing(Failed::last).reversed());
    return out;
  }

  /** Takes one of the password-check slots; false when all are busy (answer 429). */
  public boolean tryStartCheck() {
    return checks.tryAcquire();
  }

  /** Gives a slot back once its check has been answered. */
  public void endCheck() {
    checks.release();
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }

  private static String userKey(String user) {
    return "u:" + (user == null ? "" : user.toLowerCase(Locale.ROOT));
  }
}
