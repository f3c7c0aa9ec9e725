package dci.app.cli;

import java.util.List;

/** A row of block characters, one per value, from the lowest (▁) to the highest (█) of them. */
final class Sparkline {
  private static final String BARS = "▁▂▃▄▅▆▇█";

  private Sparkline() {}

  /** At most {@code width} bars: with more values, each bar is the mean of its share of them. */
  static String of(List<Double> values, int width) {
    if (values.isEmpty() || width < 1) {
      return "";
    }
    int n = Math.min(width, values.size());
    double[] bars = new double[n];
    for (int i = 0; i < n; i++) {
      int from = i * values.size() / n;
      int to = Math.max(from + 1, (i + 1) * values.size() / n);
      bars[i] = values.subList(from, to).stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
    double lo = java.util.Arrays.stream(bars).min().orElse(0);
    double hi = java.util.Arrays.stream(bars).max().orElse(0);
    StringBuilder out = new StringBuilder(n);
    for (double v : bars) {
      int k = hi - lo < 1e-9 ? 0 : (int) Math.round((v - lo) / (hi - lo) * (BARS.length() - 1));
      out.append(BARS.charAt(k));
    }
    return out.toString();
  }
}
