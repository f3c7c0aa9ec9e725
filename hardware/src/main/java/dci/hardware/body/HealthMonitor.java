package dci.hardware.body;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns a blade's samples into a verdict: limits (temperature over its limit, disk error rate
 * over its limit) and trends (an error rate that kept rising over the last samples while over
 * the warning level) flag impending failure; warning levels and a slow disk flag a warning.
 * Pure apart from the few samples it remembers.
 */
public final class HealthMonitor {
  /** The levels, from {@code dci.body.health}. */
  public record Thresholds(double temperatureWarning, double temperatureLimit, double diskErrorWarning,
      double diskErrorLimit, long slowProbeMillis, int trendSamples) implements dci.protocol.DciSerializable {
    public static final Thresholds DEFAULT = new Thresholds(75, 90, 0.05, 0.3, 2000, 3);

    /** What is wrong with these levels, or null when they make sense. */
    public String problem() {
      if (!(temperatureWarning > 0 && temperatureWarning <= temperatureLimit && temperatureLimit <= 200)) {
        return "temperatures: 0 < warning <= limit <= 200 C";
      }
      if (!(diskErrorWarning >= 0 && diskErrorWarning <= diskErrorLimit && diskErrorLimit <= 1)) {
        return "disk error rates: 0 <= warning <= limit <= 1";
      }
      if (slowProbeMillis < 1 || trendSamples < 0 || trendSamples > 100) {
        return "slow probe >= 1 ms, trend samples 0..100";
      }
      return null;
    }
  }

  /** A verdict and its reasons. */
  public record Verdict(Reading.Condition condition, List<String> reasons) {}

  private Thresholds limits;
  private final Deque<Double> errorRates = new ArrayDeque<>();

  public HealthMonitor(Thresholds limits) {
    this.limits = limits;
  }

  /** Judges the next samples by {@code levels} (an operator retuned them); the trend window stays. */
  public void retune(Thresholds levels) {
    this.limits = levels;
  }

  public Thresholds limits() {
    return limits;
  }

  /** Judges one sample (remembered for trends). */
  public Verdict judge(Double temperature, double diskErrorRate, long probeMillis) {
    errorRates.addLast(diskErrorRate);
    while (errorRates.size() > limits.trendSamples()) {
      errorRates.removeFirst();
    }
    List<String> impending = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (temperature != null && temperature >= limits.temperatureLimit()) {
      impending.add("temperature " + round(temperature) + " C is over the limit of " + round(limits.temperatureLimit()) + " C");
    } else if (temperature != null && temperature >= limits.temperatureWarning()) {
      warnings.add("temperature " + round(temperature) + " C is over " + round(limits.temperatureWarning()) + " C");
    }
    if (diskErrorRate >= limits.diskErrorLimit()) {
      impending.add("disk error rate " + pct(diskErrorRate) + " is over the limit of " + pct(limits.diskErrorLimit()));
    } else if (diskErrorRate >= limits.diskErrorWarning() && rising()) {
      impending.add("disk error rate " + pct(diskErrorRate) + " has risen over the last " + errorRates.size() + " samples");
    } else if (diskErrorRate >= limits.diskErrorWarning()) {
      warnings.add("disk error rate " + pct(diskErrorRate) + " is over " + pct(limits.diskErrorWarning()));
    }
    if (probeMillis >= limits.slowProbeMillis()) {
      warnings.add("a disk probe took " + probeMillis + " ms");
    }
    if (!impending.isEmpty()) {
      impending.addAll(warnings);
      return new Verdict(Reading.Condition.impending, impending);
    }
    return new Verdict(warnings.isEmpty() ? Reading.Condition.ok : Reading.Condition.warning, warnings);
  }

  /**
   * True when the error rate rose at every one of the last samples (a full window of them). A
   * rise takes two samples at least: a window of fewer (trend-samples 0 or 1) turns the rule off.
   */
  private boolean rising() {
    if (errorRates.size() < Math.max(2, limits.trendSamples())) {
      return false;
    }
    Double prev = null;
    for (double r : errorRates) {
      if (prev != null && r <= prev) {
        return false;
      }
      prev = r;
    }
    return true;
  }

  private static String pct(double r) {
    return Math.round(r * 1000) / 10.0 + " %";
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
