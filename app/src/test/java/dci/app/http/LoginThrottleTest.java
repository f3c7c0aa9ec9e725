package dci.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  };
  private final LoginThrottle throttle =
      new LoginThrottle(3, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMinutes(15), clock);

  @Test
  void firstFailuresAreFreeThenDelaysDoubleUpToTheCap() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.delayFor("10.0.0.1")).isZero();
      throttle.failed("10.0.0.1");
    }
    assertThat(throttle.delayFor("10.0.0.1")).isEqualTo(Duration.ofMillis(250));
    throttle.failed("10.0.0.1");
    assertThat(throttle.delayFor("10.0.0.1")).isEqualTo(Duration.ofMillis(500));
    for (int i = 0; i < 30; i++) {
      throttle.failed("10.0.0.1");
    }
    assertThat(throttle.delayFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(5));
    assertThat(throttle.delayFor("10.0.0.2")).as("other addresses unaffected").isZero();
  }

  @Test
  void goodLoginOrQuietPeriodClearsTheAddress() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("a");
      throttle.failed("b");
    }
    throttle.succeeded("a");
    assertThat(throttle.delayFor("a")).isZero();
    assertThat(throttle.delayFor("b")).isPositive();
    now = now.plus(Duration.ofMinutes(16));
    assertThat(throttle.delayFor("b")).isZero();
  }
}
