package dci.app.aims;

import dci.hardware.body.Reading;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics alert rules can watch, from a body {@link Reading} (sampled every
 * {@code dci.body.sample-interval}, less often while the blade is quiet): {@code cpu},
 * {@code memory}, {@code swap}, {@code disk} (% used), {@code temperature} (C), {@code probe-ms}
 * (the disk probe's time) and {@code disk-errors} (failed probes, 0..1). One the blade cannot
 * tell is absent.
 */
final class BodyMetrics {
  static final List<String> NAMES = List.of("cpu", "memory", "swap", "disk", "temperature", "probe-ms", "disk-errors");

  private BodyMetrics() {}

  static Map<String, Double> of(Reading r) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (r.cpuLoad() >= 0) {
      m.put("cpu", r.cpuLoad() * 100);
    }
    if (r.memoryTotal() > 0) {
      m.put("memory", 100.0 * r.memoryUsed() / r.memoryTotal());
    }
    if (r.swapTotal() > 0) {
      m.put("swap", 100.0 * r.swapUsed() / r.swapTotal());
    }
    if (r.diskTotal() > 0) {
      m.put("disk", 100.0 * (r.diskTotal() - r.diskFree()) / r.diskTotal());
    }
    if (r.temperature() != null) {
      m.put("temperature", r.temperature());
    }
    m.put("probe-ms", (double) r.probeMillis());
    m.put("disk-errors", r.diskErrorRate());
    return m;
  }

  /** {@code name} checked against {@link #NAMES}; an error listing them otherwise. */
  static String require(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    if (!NAMES.contains(n)) {
      throw new IllegalArgumentException("unknown metric '" + dci.protocol.auth.Names.printable(String.valueOf(name))
          + "': one of " + String.join(", ", NAMES));
    }
    return n;
  }
}
