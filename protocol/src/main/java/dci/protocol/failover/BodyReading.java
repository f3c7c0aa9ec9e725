package dci.protocol.failover;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * One sample of a blade's body: host metrics, the disk probe's outcome, the faults in force and
 * the health monitor's verdict.
 *
 * @param cpuLoad system CPU load, 0..1 (-1 unknown)
 * @param memoryUsed bytes of memory in use on the host
 * @param diskFree free bytes of the data directory's file system
 * @param diskReadBytes bytes read by the host's disks since boot
 * @param temperature CPU temperature in C, null where the host has no sensor
 * @param probeMillis how long the last disk probe (write, sync, read back) took
 * @param diskErrorRate failed disk probes over the recent window, 0..1
 * @param condition ok, warning or impending (failure likely soon)
 * @param reasons why, when not ok
 * @param swapUsed bytes of swap in use on the host
 * @param swapTotal bytes of swap on the host
 * @param netInBytes bytes received by the host's network interfaces since boot
 * @param netOutBytes bytes sent by them since boot
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record BodyReading(String blade, String cage, Instant at, double cpuLoad, long memoryUsed, long memoryTotal,
    long diskFree, long diskTotal, long diskReadBytes, long diskWriteBytes, Double temperature, long probeMillis,
    double diskErrorRate, List<String> faults, String condition, List<String> reasons, long swapUsed, long swapTotal,
    long netInBytes, long netOutBytes) {}
