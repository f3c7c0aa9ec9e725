package dci.protocol.resources;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the resource manager samples on every blade, by its name on the wire and its unit.
 * Rates (disk and network bytes, logins) are per second or per minute over the sample's
 * interval; the rest are values at the sample's time.
 */
public enum ResourceMetric {
  CPU("cpu", "%"), MEMORY("memory", "%"), SWAP("swap", "%"), DISK("disk", "%"),
  DISK_READ("disk-read", "B/s"), DISK_WRITE("disk-write", "B/s"), NET_IN("net-in", "B/s"),
  NET_OUT("net-out", "B/s"), DESKS("desks", "sessions"), LOGINS("logins", "per min");

  private final String wire;
  private final String unit;

  ResourceMetric(String wire, String unit) {
    this.wire = wire;
    this.unit = unit;
  }

  public String wire() {
    return wire;
  }

  public String unit() {
    return unit;
  }

  /** The metric named {@code name}, or an error listing them all. */
  public static ResourceMetric parse(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.wire.equals(n)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown metric '" + dci.protocol.auth.Names.printable(String.valueOf(name))
            + "': one of " + Arrays.stream(values()).map(ResourceMetric::wire).collect(Collectors.joining(", "))));
  }
}
