package dci.hardware.body;

import dci.protocol.DciSerializable;
import java.time.Instant;
import java.util.List;

/**
 * One sample of a blade's body: host metrics read through its sensors, the disk probe's
 * outcome, the faults in force, and what the health monitor makes of it.
 *
 * @param blade the blade
 * @param cage the cage (power domain) it sits in
 * @param at when it was taken
 * @param cpuLoad system CPU load, 0..1 (-1 unknown)
 * @param memoryUsed bytes of memory in use on the host
 * @param memoryTotal bytes of memory on the host
 * @param diskFree free bytes of the data directory's file system
 * @param diskTotal total bytes of that file system
 * @param diskReadBytes bytes read by the host's disks since boot
 * @param diskWriteBytes bytes written by the host's disks since boot
 * @param temperature CPU temperature in C, null where the host has no sensor
 * @param probeMillis how long the last disk probe (write, sync, read back) took
 * @param diskErrorRate failed disk probes over the recent window, 0..1
 * @param faults the injected faults in force
 * @param condition the health monitor's verdict
 * @param reasons why, when not ok
 * @param swapUsed bytes of swap in use on the host
 * @param swapTotal bytes of swap on the host
 * @param netInBytes bytes received by the host's network interfaces since boot
 * @param netOutBytes bytes sent by them since boot
 */
public record Reading(String blade, String cage, Instant at, double cpuLoad, long memoryUsed, long memoryTotal,
    long diskFree, long diskTotal, long diskReadBytes, long diskWriteBytes, Double temperature, long probeMillis,
    double diskErrorRate, List<String> faults, Condition condition, List<String> reasons, long swapUsed,
    long swapTotal, long netInBytes, long netOutBytes) implements DciSerializable {

  /** The health monitor's verdict. */
  public enum Condition {
    /** Nothing wrong. */
    ok,
    /** Something is off but not yet a reason to move the user. */
    warning,
    /** Failure is likely soon: move the user now, while the blade can still be read (Fig. 6). */
    impending
  }

  public Reading {
    faults = faults == null ? List.of() : List.copyOf(faults);
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }

  /** A reading without swap and network figures (0). */
  public Reading(String blade, String cage, Instant at, double cpuLoad, long memoryUsed, long memoryTotal,
      long diskFree, long diskTotal, long diskReadBytes, long diskWriteBytes, Double temperature, long probeMillis,
      double diskErrorRate, List<String> faults, Condition condition, List<String> reasons) {
    this(blade, cage, at, cpuLoad, memoryUsed, memoryTotal, diskFree, diskTotal, diskReadBytes, diskWriteBytes,
        temperature, probeMillis, diskErrorRate, faults, condition, reasons, 0, 0, 0, 0);
  }

  /** This reading judged: its faults, condition and reasons replaced. */
  public Reading judged(List<String> inForce, Condition verdict, List<String> why) {
    return new Reading(blade, cage, at, cpuLoad, memoryUsed, memoryTotal, diskFree, diskTotal, diskReadBytes,
        diskWriteBytes, temperature, probeMillis, diskErrorRate, inForce, verdict, why, swapUsed, swapTotal,
        netInBytes, netOutBytes);
  }
}
