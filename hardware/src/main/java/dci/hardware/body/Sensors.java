package dci.hardware.body;

/**
 * Where a blade's body reads the host's metrics. Blocking: called on the I/O dispatcher.
 * {@link OshiSensors} reads the real host.
 */
public interface Sensors {
  /** Host metrics now. */
  HostMetrics read();

  /** Raw host metrics, before faults and judgement. */
  record HostMetrics(double cpuLoad, long memoryUsed, long memoryTotal, long diskReadBytes, long diskWriteBytes,
      Double temperature) {}
}
