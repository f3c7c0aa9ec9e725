package dci.app.resources;

import dci.protocol.resources.DemandMap;
import dci.protocol.resources.ResourceMetric;
import dci.protocol.resources.ResourceSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The demand map from samples: for each user and each blade their desk port was routed to, the
 * blade's CPU load while they had it (that is the user's load there: a blade's use cannot be
 * told apart by user, so each user on it is charged all of it) and their own desk sessions and
 * logins there. Downsampled samples count for the samples they stand for.
 */
final class DemandMaps {
  private DemandMaps() {}

  /** The map of {@code samples} (every blade's, since {@code since}). */
  static DemandMap of(Instant since, List<ResourceSample> samples) {
    TreeSet<String> blades = new TreeSet<>();
    Map<String, Map<String, Acc>> cells = new TreeMap<>();
    for (ResourceSample s : samples) {
      blades.add(s.blade());
      for (String u : s.users()) {
        cells.computeIfAbsent(u, k -> new TreeMap<>()).computeIfAbsent(s.blade(), k -> new Acc()).add(s, u);
      }
    }
    Map<String, String> now = currentBlades(samples);
    List<DemandMap.Row> rows = new ArrayList<>();
    cells.forEach((user, byBlade) -> {
      List<DemandMap.Cell> out = new ArrayList<>();
      double load = 0;
      int n = 0;
      for (var e : byBlade.entrySet()) {
        Acc a = e.getValue();
        out.add(a.cell(e.getKey()));
        load += a.cpu;
        n += a.cpuSamples;
      }
      rows.add(new DemandMap.Row(user, now.get(user), n == 0 ? 0 : load / n, out));
    });
    return new DemandMap(since, List.copyOf(blades), rows);
  }

  /** Each user's blade as of the newest sample of each blade (the newest wins when two list them). */
  static Map<String, String> currentBlades(List<ResourceSample> samples) {
    Map<String, ResourceSample> newest = new HashMap<>();
    samples.forEach(s -> newest.merge(s.blade(), s, (a, b) -> b.at().isAfter(a.at()) ? b : a));
    Map<String, ResourceSample> byUser = new HashMap<>();
    newest.values().forEach(s -> s.users().forEach(u -> byUser.merge(u, s, (a, b) -> b.at().isAfter(a.at()) ? b : a)));
    Map<String, String> out = new TreeMap<>();
    byUser.forEach((u, s) -> out.put(u, s.blade()));
    return out;
  }

  /** One user's figures on one blade, as samples come. */
  private static final class Acc {
    int samples;
    Instant from;
    Instant to;
    double cpu;
    int cpuSamples;
    double peak;
    double sessions;
    double logins;

    void add(ResourceSample s, String user) {
      samples += s.span();
      from = from == null || s.at().isBefore(from) ? s.at() : from;
      to = to == null || s.at().isAfter(to) ? s.at() : to;
      Double c = s.value(ResourceMetric.CPU);
      if (c != null) {
        cpu += c * s.span();
        cpuSamples += s.span();
        peak = Math.max(peak, c);
      }
      sessions += s.desks().getOrDefault(user, 0.0) * s.span();
      logins += s.logins().getOrDefault(user, 0.0) * s.span();
    }

    DemandMap.Cell cell(String blade) {
      return new DemandMap.Cell(blade, samples, from, to, cpuSamples == 0 ? 0 : cpu / cpuSamples, peak,
          sessions / samples, logins / samples);
    }
  }
}
