package dci.app.http;

import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows repeated failed logins from one address: after {@code freeFailures} failures each
 * answer waits {@code baseDelay * 2^(n - freeFailures)}, at most {@code maxDelay}. A good
 * login clears the address; an address quiet for {@code forgetAfter} starts afresh.
 */
public final class LoginThrottle {
  private final int freeFailures;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration forgetAfter;
  private final Clock clock;
  private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

  private record Failures(int count, Instant last) {}

  public LoginThrottle(int freeFailures, Duration baseDelay, Duration maxDelay, Duration forgetAfter, Clock clock) {
    this.freeFailures = freeFailures;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.forgetAfter = forgetAfter;
    this.clock = clock;
  }

  public static LoginThrottle fromConfig(Config config) {
    Config c = config.getConfig("dci.auth.login-throttle");
    return new LoginThrottle(c.getInt("free-failures"), c.getDuration("base-delay"), c.getDuration("max-delay"),
        c.getDuration("forget-after"), Clock.systemUTC());
  }

  /** How long the next login attempt from {@code address} must wait before it is answered. */
  public Duration delayFor(String address) {
    Failures f = failures.get(address);
    if (f == null || f.last().plus(forgetAfter).isBefore(clock.instant())) {
      return Duration.ZERO;
    }
    int over = f.count() - freeFailures;
    if (over < 0) {
      return Duration.ZERO;
    }
    long millis = baseDelay.toMillis() << Math.min(over, 20);
    return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
  }

  public void failed(String address) {
    Instant now = clock.instant();
    failures.compute(address, (k, f) ->
        f == null || f.last().plus(forgetAfter).isBefore(now) ? new Failures(1, now) : new Failures(f.count() + 1, now));
    if (failures.size() > 10_000) {
      failures.entrySet().removeIf(e -> e.getValue().last().plus(forgetAfter).isBefore(now));
    }
  }

  public void succeeded(String address) {
    failures.remove(address);
  }
}
