package dci.app.resources;

import dci.protocol.resources.ResourceSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every blade's samples as this blade keeps them: each sample for {@code fullFor} (7 days by
 * default), then one mean per {@code coarseStep} (10 minutes) until {@code keep} (30 days), then
 * none. A sample already kept (same blade, same time) is not kept twice. Not thread-safe: its
 * actor owns it.
 */
final class ResourceStore {
  /** How long samples are kept and how they are thinned. */
  record Retention(Duration fullFor, Duration coarseStep, Duration keep) {
    Retention {
      if (coarseStep.isZero() || coarseStep.isNegative() || keep.compareTo(fullFor) < 0) {
        throw new IllegalArgumentException("dci.resources: coarse-step must be positive and keep (" + keep
            + ") at least full-for (" + fullFor + ")");
      }
    }
  }

  private final Retention retention;
  private final Map<String, TreeMap<Instant, ResourceSample>> full = new HashMap<>();
  private final Map<String, TreeMap<Instant, ResourceSample>> coarse = new HashMap<>();

  ResourceStore(Retention retention) {
    this.retention = retention;
  }

  /** Keeps {@code s} unless it is kept already; whether it was new. */
  boolean add(ResourceSample s) {
    if (s == null || s.blade() == null || s.at() == null) {
      return false;
    }
    var byTime = (s.span() > 1 ? coarse : full).computeIfAbsent(s.blade(), b -> new TreeMap<>());
    return byTime.putIfAbsent(s.at(), s) == null;
  }

  /**
   * Thins what is older than {@code fullFor} into means of {@code coarseStep} and drops what is
   * older than {@code keep}, as of {@code now}; whether anything changed.
   */
  boolean compact(Instant now) {
    boolean changed = false;
    Instant fine = now.minus(retention.fullFor());
    long step = retention.coarseStep().toMillis();
    for (var e : full.entrySet()) {
      var old = e.getValue().headMap(fine, false);
      if (old.isEmpty()) {
        continue;
      }
      Map<Instant, List<ResourceSample>> buckets = new TreeMap<>();
      old.values().forEach(s -> buckets.computeIfAbsent(Instant.ofEpochMilli(Math.floorDiv(s.at().toEpochMilli(), step)
          * step), k -> new ArrayList<>()).add(s));
      var into = coarse.computeIfAbsent(e.getKey(), b -> new TreeMap<>());
      buckets.forEach((at, group) -> {
        ResourceSample kept = into.get(at);
        if (kept != null) {
          group.add(kept);
        }
        into.put(at, Samples.mean(e.getKey(), at, group));
      });
      old.clear();
      changed = true;
    }
    Instant gone = now.minus(retention.keep());
    for (var byTime : coarse.values()) {
      var old = byTime.headMap(gone, false);
      changed |= !old.isEmpty();
      old.clear();
    }
    full.values().removeIf(TreeMap::isEmpty);
    coarse.values().removeIf(TreeMap::isEmpty);
    return changed;
  }

  /** {@code blade}'s samples at or after {@code since}, oldest first (thinned ones first). */
  List<ResourceSample> of(String blade, Instant since) {
    List<ResourceSample> out = new ArrayList<>();
    var c = coarse.get(blade);
    if (c != null) {
      out.addAll(c.tailMap(since, true).values());
    }
    var f = full.get(blade);
    if (f != null) {
      out.addAll(f.tailMap(since, true).values());
    }
    out.sort(java.util.Comparator.comparing(ResourceSample::at));
    return out;
  }

  /** Every blade's samples at or after {@code since}, by blade then time. */
  List<ResourceSample> all(Instant since) {
    List<ResourceSample> out = new ArrayList<>();
    blades().forEach(b -> out.addAll(of(b, since)));
    return out;
  }

  /** The blades with samples kept, sorted. */
  TreeSet<String> blades() {
    TreeSet<String> out = new TreeSet<>(full.keySet());
    out.addAll(coarse.keySet());
    return out;
  }

  /** The newest sample time of any blade, or null when nothing is kept. */
  Instant newest() {
    return full.values().stream().map(TreeMap::lastKey).max(Instant::compareTo)
        .or(() -> coarse.values().stream().map(TreeMap::lastKey).max(Instant::compareTo)).orElse(null);
  }

  /** How many samples are kept (every blade, both resolutions). */
  int size() {
    return full.values().stream().mapToInt(Map::size).sum() + coarse.values().stream().mapToInt(Map::size).sum();
  }
}
