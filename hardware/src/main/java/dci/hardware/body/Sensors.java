package dci.hardware.body;

/**
 * Where a blade's body reads the host's metrics. Blocking: called on the I/O dispatcher.
 * {@link OshiSensors} reads the real host.
 */
public interface Sensors {
  /** Host metrics now. */
  HostMetrics read();

  /**
   * Raw host metrics, before faults and judgement; byte counters (disks, network) count since
   * boot.
   */
  record HostMetrics(double cpuLoad, long memoryUsed, long memoryTotal, long diskReadBytes, long diskWriteBytes,
      Double temperature, long swapUsed, long swapTotal, long netInBytes, long netOutBytes) {}
}
