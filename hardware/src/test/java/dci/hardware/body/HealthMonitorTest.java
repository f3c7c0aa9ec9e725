package dci.hardware.body;

import static org.assertj.core.api.Assertions.assertThat;

import dci.hardware.body.HealthMonitor.Thresholds;
import dci.hardware.body.HealthMonitor.Verdict;
import dci.hardware.body.Reading.Condition;
import org.junit.jupiter.api.Test;

/** The health monitor's verdicts: limits, warning levels, the rising-trend rule and a slow disk. */
class HealthMonitorTest {
  // temperature 75 / 90 C, disk errors 5 % / 30 %, slow probe 2000 ms, trend over 3 samples
  private final HealthMonitor monitor = new HealthMonitor(Thresholds.DEFAULT);

  private Verdict judge(double errorRate) {
    return monitor.judge(40.0, errorRate, 5);
  }

  @Test
  void everythingBelowItsWarningLevelIsOkWithNoReasons() {
    Verdict v = monitor.judge(74.9, 0.049, 1999);
    assertThat(v.condition()).isEqualTo(Condition.ok);
    assertThat(v.reasons()).isEmpty();
  }

  @Test
  void anUnknownTemperatureCountsAsNeitherWarningNorFailure() {
    assertThat(monitor.judge(null, 0, 5).condition()).isEqualTo(Condition.ok);
  }

  @Test
  void temperatureFromItsWarningLevelUpToItsLimitIsAWarning() {
    Verdict v = monitor.judge(75.0, 0, 5);
    assertThat(v.condition()).isEqualTo(Condition.warning);
    assertThat(v.reasons()).containsExactly("temperature 75.0 C is over 75.0 C");
    assertThat(monitor.judge(89.9, 0, 5).condition()).isEqualTo(Condition.warning);
  }

  @Test
  void temperatureAtItsLimitIsImpendingFailureWithOneReasonOnly() {
    Verdict v = monitor.judge(90.0, 0, 5);
    assertThat(v.condition()).isEqualTo(Condition.impending);
    assertThat(v.reasons()).containsExactly("temperature 90.0 C is over the limit of 90.0 C");
  }

  @Test
  void diskErrorRateAtItsLimitIsImpendingAtOnceWithoutATrend() {
    Verdict v = judge(0.3);
    assertThat(v.condition()).isEqualTo(Condition.impending);
    assertThat(v.reasons()).containsExactly("disk error rate 30.0 % is over the limit of 30.0 %");
  }

  @Test
  void aSteadyDiskErrorRateOverItsWarningLevelStaysAWarning() {
    judge(0.1);
    judge(0.1);
    Verdict v = judge(0.1);
    assertThat(v.condition()).isEqualTo(Condition.warning);
    assertThat(v.reasons()).containsExactly("disk error rate 10.0 % is over 5.0 %");
  }

  @Test
  void aDiskErrorRateOverItsWarningLevelThatRoseAtEachSampleOfAFullWindowIsImpending() {
    assertThat(judge(0.06).condition()).as("one sample is no trend").isEqualTo(Condition.warning);
    assertThat(judge(0.07).condition()).as("two samples are not a full window of 3").isEqualTo(Condition.warning);
    Verdict v = judge(0.08);
    assertThat(v.condition()).isEqualTo(Condition.impending);
    assertThat(v.reasons()).containsExactly("disk error rate 8.0 % has risen over the last 3 samples");
  }

  @Test
  void aRiseThatEndsBelowTheWarningLevelIsNoReason() {
    judge(0.01);
    judge(0.02);
    assertThat(judge(0.03).condition()).isEqualTo(Condition.ok);
  }

  @Test
  void aRiseFromBelowTheWarningLevelCountsOnceTheRateIsOverIt() {
    judge(0.01);
    judge(0.03);
    assertThat(judge(0.06).condition()).isEqualTo(Condition.impending);
  }

  @Test
  void anEqualStepBreaksTheTrend() {
    judge(0.06);
    judge(0.07);
    assertThat(judge(0.07).condition()).isEqualTo(Condition.warning);
  }

  @Test
  void theTrendLooksOnlyAtTheLastWindowOfSamples() {
    judge(0.2);
    judge(0.1);
    assertThat(judge(0.12).condition()).as("0.2, 0.1, 0.12 did not rise at each sample").isEqualTo(Condition.warning);
    assertThat(judge(0.15).condition()).as("0.1, 0.12, 0.15 did; 0.2 has left the window")
        .isEqualTo(Condition.impending);
  }

  @Test
  void aTrendNeedsAtLeastTwoSamplesSoAWindowOfOneNeverTurnsAWarningIntoFailure() {
    HealthMonitor one = new HealthMonitor(new Thresholds(75, 90, 0.05, 0.3, 2000, 1));
    assertThat(one.judge(40.0, 0.1, 5).condition()).isEqualTo(Condition.warning);
    assertThat(one.judge(40.0, 0.2, 5).condition()).isEqualTo(Condition.warning);
    HealthMonitor none = new HealthMonitor(new Thresholds(75, 90, 0.05, 0.3, 2000, 0));
    assertThat(none.judge(40.0, 0.1, 5).condition()).isEqualTo(Condition.warning);
  }

  @Test
  void aDiskProbeAtLeastAsSlowAsTheLimitIsAWarning() {
    assertThat(monitor.judge(40.0, 0, 1999).condition()).isEqualTo(Condition.ok);
    Verdict v = monitor.judge(40.0, 0, 2000);
    assertThat(v.condition()).isEqualTo(Condition.warning);
    assertThat(v.reasons()).containsExactly("a disk probe took 2000 ms");
  }

  @Test
  void anImpendingVerdictListsItsCausesFirstThenTheWarnings() {
    Verdict v = monitor.judge(95.0, 0.1, 3000);
    assertThat(v.condition()).isEqualTo(Condition.impending);
    assertThat(v.reasons()).containsExactly("temperature 95.0 C is over the limit of 90.0 C",
        "disk error rate 10.0 % is over 5.0 %", "a disk probe took 3000 ms");
  }

  @Test
  void severalWarningsAreAllGiven() {
    Verdict v = monitor.judge(80.0, 0.1, 2500);
    assertThat(v.condition()).isEqualTo(Condition.warning);
    assertThat(v.reasons()).hasSize(3);
  }
}
