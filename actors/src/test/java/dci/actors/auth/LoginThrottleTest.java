package dci.actors.auth;

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
      new LoginThrottle(3, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMinutes(15), clock, 2);

  @Test
  void firstFailuresAreFreeThenDelaysDoubleUpToTheCap() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.delayFor("10.0.0.1", "u" + i)).isZero();
      throttle.failed("10.0.0.1", "u" + i);
    }
    assertThat(throttle.delayFor("10.0.0.1", "someone")).isEqualTo(Duration.ofMillis(250));
    throttle.failed("10.0.0.1", "u9");
    assertThat(throttle.delayFor("10.0.0.1", "someone")).isEqualTo(Duration.ofMillis(500));
    for (int i = 0; i < 30; i++) {
      throttle.failed("10.0.0.1", "u9");
    }
    assertThat(throttle.delayFor("10.0.0.1", "someone")).isEqualTo(Duration.ofSeconds(5));
    assertThat(throttle.delayFor("10.0.0.2", "someone")).as("other addresses and users unaffected").isZero();
  }

  @Test
  void failuresOnOneUserFromManyAddressesSlowThatUserFromAnyAddress() {
    for (int i = 0; i < 12; i++) {
      throttle.failed("10.9." + i + "." + i, "admin");
    }
    assertThat(throttle.delayFor("10.99.99.99", "admin")).isEqualTo(Duration.ofSeconds(5));
    assertThat(throttle.delayFor("10.99.99.99", "alice")).isZero();
  }

  @Test
  void aGoodLoginClearsItsOwnAddressButNotAnotherAddressOrTheUsersCount() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("a", "x" + i);
      throttle.failed("b", "admin");
    }
    throttle.succeeded("a", "x0");
    assertThat(throttle.delayFor("a", "nobody")).isZero();
    assertThat(throttle.delayFor("b", "nobody")).isPositive();
    assertThat(throttle.delayFor("a", "admin")).as("the attacked user stays slowed").isPositive();
    throttle.succeeded("a", "admin");
    assertThat(throttle.delayFor("a", "admin")).as("b's failures on admin are not a's to clear").isPositive();
    for (int i = 0; i < 5; i++) {
      throttle.failed("c", "carol");
    }
    throttle.succeeded("c", "carol");
    assertThat(throttle.delayFor("c", "carol")).as("her own failures end with her good login").isZero();
    now = now.plus(Duration.ofMinutes(16));
    assertThat(throttle.delayFor("b", "admin")).isZero();
  }

  @Test
  void passwordChecksAtOnceAreCapped() {
    assertThat(throttle.tryStartCheck()).isTrue();
    assertThat(throttle.tryStartCheck()).isTrue();
    assertThat(throttle.tryStartCheck()).isFalse();
    throttle.endCheck();
    assertThat(throttle.tryStartCheck()).isTrue();
  }
}
