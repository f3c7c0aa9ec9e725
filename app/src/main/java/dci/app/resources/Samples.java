package dci.app.resources;

import dci.hardware.body.Reading;
import dci.hardware.port.PortRoute;
import dci.protocol.resources.ResourceMetric;
import dci.protocol.resources.ResourceSample;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Making samples: one from a body reading, one mean of many (downsampling). */
final class Samples {
  private Samples() {}

  /**
   * The sample taken at {@code at} of {@code now}'s reading: values at its time, byte rates against {@code before}
   * (the previous reading used, when older), the users routed to the blade, their desk
   * sessions, their logins (counted over {@code interval}) per minute, and each installed
   * package's processes.
   */
  static ResourceSample of(Instant at, Reading now, Reading before, Collection<PortRoute> ports, Map<String, Integer> sessions,
      Map<String, Integer> logins, Duration interval, Map<String, Double> processes) {
    Map<String, Double> v = new TreeMap<>();
    if (now.cpuLoad() >= 0) {
      v.put(ResourceMetric.CPU.wire(), now.cpuLoad() * 100);
    }
    percent(v, ResourceMetric.MEMORY, now.memoryUsed(), now.memoryTotal());
    percent(v, ResourceMetric.SWAP, now.swapUsed(), now.swapTotal());
    percent(v, ResourceMetric.DISK, now.diskTotal() - now.diskFree(), now.diskTotal());
    if (before != null && before.at().isBefore(now.at())) {
      double seconds = Duration.between(before.at(), now.at()).toMillis() / 1000.0;
      rate(v, ResourceMetric.DISK_READ, now.diskReadBytes() - before.diskReadBytes(), seconds);
      rate(v, ResourceMetric.DISK_WRITE, now.diskWriteBytes() - before.diskWriteBytes(), seconds);
      rate(v, ResourceMetric.NET_IN, now.netInBytes() - before.netInBytes(), seconds);
      rate(v, ResourceMetric.NET_OUT, now.netOutBytes() - before.netOutBytes(), seconds);
    }
    double perMinute = 60_000.0 / Math.max(1, interval.toMillis());
    Map<String, Double> desks = new TreeMap<>();
    sessions.forEach((u, n) -> desks.put(u, n.doubleValue()));
    Map<String, Double> perMin = new TreeMap<>();
    logins.forEach((u, n) -> perMin.put(u, n * perMinute));
    v.put(ResourceMetric.DESKS.wire(), desks.values().stream().mapToDouble(Double::doubleValue).sum());
    v.put(ResourceMetric.LOGINS.wire(), perMin.values().stream().mapToDouble(Double::doubleValue).sum());
    List<String> users = ports.stream().filter(p -> now.blade().equals(p.blade())).map(PortRoute::user).sorted()
        .toList();
    return new ResourceSample(now.blade(), at, v, users, desks, perMin, 1, processes);
  }

  /** One sample standing for {@code group} (of one blade) at {@code at}: each figure's mean, weighted by span. */
  static ResourceSample mean(String blade, Instant at, List<ResourceSample> group) {
    int span = group.stream().mapToInt(ResourceSample::span).sum();
    TreeSet<String> users = new TreeSet<>();
    group.forEach(s -> users.addAll(s.users()));
    return new ResourceSample(blade, at, mean(group, ResourceSample::values, false), List.copyOf(users),
        mean(group, ResourceSample::desks, true), mean(group, ResourceSample::logins, true), span,
        mean(group, ResourceSample::processes, false));
  }

  /**
   * Weighted means by key: over the samples that have the key, or (when {@code absentIsZero},
   * as for a user's sessions) over all of them.
   */
  private static Map<String, Double> mean(List<ResourceSample> group,
      java.util.function.Function<ResourceSample, Map<String, Double>> field, boolean absentIsZero) {
    Map<String, double[]> sums = new HashMap<>();
    int total = 0;
    for (ResourceSample s : group) {
      total += s.span();
      field.apply(s).forEach((k, x) -> {
        double[] acc = sums.computeIfAbsent(k, n -> new double[2]);
        acc[0] += x * s.span();
        acc[1] += s.span();
      });
    }
    Map<String, Double> out = new TreeMap<>();
    int all = total;
    sums.forEach((k, acc) -> out.put(k, acc[0] / (absentIsZero ? all : acc[1])));
    return out;
  }

  private static void percent(Map<String, Double> v, ResourceMetric m, long part, long whole) {
    if (whole > 0) {
      v.put(m.wire(), 100.0 * part / whole);
    } else if (m == ResourceMetric.SWAP) {
      v.put(m.wire(), 0.0);
    }
  }

  private static void rate(Map<String, Double> v, ResourceMetric m, long delta, double seconds) {
    if (delta >= 0 && seconds > 0) {
      v.put(m.wire(), delta / seconds);
    }
  }
}
