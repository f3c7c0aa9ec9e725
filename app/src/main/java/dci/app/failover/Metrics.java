package dci.app.failover;

import dci.hardware.body.Reading;
import dci.protocol.api.BladeMetrics;

/** A blade's body {@link Reading} as {@code GET /api/metrics} shows it. */
final class Metrics {
  private Metrics() {}

  static BladeMetrics of(Reading r) {
    return new BladeMetrics(r.blade(), r.cage(), r.at(), r.cpuLoad(), r.memoryUsed(), r.memoryTotal(), r.diskFree(),
        r.diskTotal(), r.diskReadBytes(), r.diskWriteBytes(), r.temperature(), r.probeMillis(), r.diskErrorRate(),
        r.faults(), r.condition() == null ? null : r.condition().name(), r.reasons(), r.swapUsed(), r.swapTotal(),
        r.netInBytes(), r.netOutBytes());
  }
}
