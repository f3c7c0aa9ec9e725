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

  /** {@code processes:NAME}: the processes installed package NAME runs (a metric per package). */
  public static final String PROCESSES_PREFIX = "processes:";

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

  /**
   * The wire name and unit of {@code name}: one of these, or {@code processes:PACKAGE}; an error
   * listing them otherwise.
   */
  public static String[] parseAny(String name) {
    String n = name == null ? "" : name.trim();
    if (n.startsWith(PROCESSES_PREFIX)) {
      try {
        dci.protocol.pkg.PackageNames.requirePackage(n.substring(PROCESSES_PREFIX.length()));
      } catch (dci.protocol.pkg.PackageException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      return new String[] {n, "processes"};
    }
    ResourceMetric m = parse(n);
    return new String[] {m.wire(), m.unit()};
  }

  /** The metric named {@code name}, or an error listing them all. */
  public static ResourceMetric parse(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.wire.equals(n)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown metric '" + dci.protocol.auth.Names.printable(String.valueOf(name))
            + "': one of " + Arrays.stream(values()).map(ResourceMetric::wire).collect(Collectors.joining(", "))
            + ", or processes:PACKAGE"));
  }
}
