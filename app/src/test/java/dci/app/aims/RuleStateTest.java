package dci.app.aims;

import static org.assertj.core.api.Assertions.assertThat;

import dci.app.aims.RuleState.Change;
import dci.protocol.aims.AlertRule;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RuleStateTest {
  private static AlertRule rule(String test, double limit, int n) {
    return new AlertRule("r", "cpu", test, limit, n, null, null, "admin", Instant.EPOCH);
  }

  @Test
  void overRaisesAfterNSamplesInARowAndClearsAfterAsManyBelow() {
    AlertRule r = rule("over", 80, 2);
    RuleState s = new RuleState();
    assertThat(s.sample(r, 90)).isEqualTo(Change.NONE);
    assertThat(s.sample(r, 70)).as("the run is broken").isEqualTo(Change.NONE);
    assertThat(s.sample(r, 90)).isEqualTo(Change.NONE);
    assertThat(s.sample(r, 95)).isEqualTo(Change.RAISE);
    assertThat(s.sample(r, 99)).as("raised once").isEqualTo(Change.NONE);
    assertThat(s.sample(r, 10)).isEqualTo(Change.NONE);
    assertThat(s.sample(r, 10)).isEqualTo(Change.CLEAR);
    assertThat(s.raised()).isFalse();
  }

  @Test
  void underAndRising() {
    RuleState under = new RuleState();
    assertThat(under.sample(rule("under", 5, 1), 4)).isEqualTo(Change.RAISE);
    RuleState rising = new RuleState();
    AlertRule r = rule("rising", 0, 3);
    assertThat(rising.sample(r, 1)).isEqualTo(Change.NONE);
    assertThat(rising.sample(r, 2)).isEqualTo(Change.NONE);
    assertThat(rising.sample(r, 3)).isEqualTo(Change.NONE);
    assertThat(rising.sample(r, 4)).as("rose at each of the last 3 samples").isEqualTo(Change.RAISE);
    assertThat(rising.sample(r, 4)).as("flat: no longer rising").isEqualTo(Change.CLEAR);
  }
}
