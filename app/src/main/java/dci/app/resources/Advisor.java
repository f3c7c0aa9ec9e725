package dci.app.resources;

import dci.protocol.resources.Advice;
import dci.protocol.resources.ResourceMetric;
import dci.protocol.resources.ResourceSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Suggests moves from every blade's samples over a window. A blade is busy when its mean CPU
 * load is at least {@code busy} %, idle when at most {@code idle} %. Each busy blade with users
 * is paired with the idlest blade still unpaired (one that sampled since {@code freshAfter}, so
 * not a blade that is gone): its most active user (desk sessions and logins over the window,
 * then by name) moves there one-to-one when that blade has no user, or swaps with the least
 * active user of that blade. The gain is the CPU headroom the moving (most active) user gains:
 * the load of the blade left minus that of the blade reached, in percentage points.
 */
final class Advisor {
  private Advisor() {}

  /** Where the advisor draws its lines. */
  record Thresholds(double busy, double idle) {}

  static Advice of(Instant since, Instant freshAfter, List<ResourceSample> samples, Thresholds t) {
    Map<String, double[]> sums = new TreeMap<>(); // cpu sum, cpu n, memory sum, memory n
    Map<String, ResourceSample> newest = new HashMap<>();
    Map<String, Double> activity = new HashMap<>();
    for (ResourceSample s : samples) {
      double[] a = sums.computeIfAbsent(s.blade(), b -> new double[4]);
      add(a, 0, s.value(ResourceMetric.CPU), s.span());
      add(a, 2, s.value(ResourceMetric.MEMORY), s.span());
      newest.merge(s.blade(), s, (x, y) -> y.at().isAfter(x.at()) ? y : x);
      s.desks().forEach((u, n) -> activity.merge(s.blade() + "/" + u, n * s.span(), Double::sum));
      s.logins().forEach((u, n) -> activity.merge(s.blade() + "/" + u, n * s.span(), Double::sum));
    }
    List<Advice.BladeLoad> loads = new ArrayList<>();
    sums.forEach((b, a) -> loads.add(new Advice.BladeLoad(b, a[1] == 0 ? 0 : a[0] / a[1], a[3] == 0 ? 0 : a[2] / a[3],
        newest.get(b).users())));
    List<Advice.BladeLoad> busy = loads.stream().filter(l -> l.cpu() >= t.busy() && !l.users().isEmpty())
        .sorted(Comparator.comparingDouble(Advice.BladeLoad::cpu).reversed()).toList();
    List<Advice.BladeLoad> idle = new ArrayList<>(loads.stream().filter(l -> l.cpu() <= t.idle()
        && !newest.get(l.blade()).at().isBefore(freshAfter))
        .sorted(Comparator.comparingDouble(Advice.BladeLoad::cpu).thenComparing(l -> l.users().size())).toList());
    List<Advice.Suggestion> out = new ArrayList<>();
    for (Advice.BladeLoad hot : busy) {
      if (idle.isEmpty()) {
        break;
      }
      Advice.BladeLoad cold = idle.remove(0);
      String mover = pick(hot, activity, true);
      double gain = hot.cpu() - cold.cpu();
      if (cold.users().isEmpty()) {
        out.add(new Advice.Suggestion("one-to-one", List.of(new Advice.Pair(mover, hot.blade(), cold.blade())),
            String.format(Locale.ROOT, "%s's %s runs at %.0f %% CPU while %s idles at %.0f %%: move %s to %s", mover,
                hot.blade(), hot.cpu(), cold.blade(), cold.cpu(), mover, cold.blade()), gain,
            "dci move plan --kind one-to-one --pair " + mover + ":" + hot.blade() + ":" + cold.blade()));
      } else {
        String light = pick(cold, activity, false);
        out.add(new Advice.Suggestion("swap", List.of(new Advice.Pair(mover, hot.blade(), cold.blade()),
                new Advice.Pair(light, cold.blade(), hot.blade())),
            String.format(Locale.ROOT, "%s's %s runs at %.0f %% CPU while %s, where the lighter %s works, is at "
                + "%.0f %%: swap %s and %s", mover, hot.blade(), hot.cpu(), cold.blade(), light, cold.cpu(), mover, light),
            gain, "dci move plan --kind swap --pair " + mover + ":" + hot.blade() + ":" + cold.blade() + " --pair "
                + light + ":" + cold.blade() + ":" + hot.blade()));
      }
    }
    out.sort(Comparator.comparingDouble(Advice.Suggestion::gain).reversed());
    return new Advice(since, loads, out);
  }

  /** The most (or least) active user of {@code blade}, ties by name. */
  private static String pick(Advice.BladeLoad blade, Map<String, Double> activity, boolean most) {
    Comparator<String> byActivity = Comparator.comparingDouble(u -> activity.getOrDefault(blade.blade() + "/" + u, 0.0));
    Comparator<String> order = (most ? byActivity.reversed() : byActivity).thenComparing(Comparator.naturalOrder());
    return blade.users().stream().sorted(order).findFirst().orElseThrow();
  }

  private static void add(double[] a, int at, Double value, int span) {
    if (value != null) {
      a[at] += value * span;
      a[at + 1] += span;
    }
  }
}
