package dci.storage.backup;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Applies an {@link Aging} policy to a blade's archives: which ids it keeps. Pure. */
public final class Retention {
  private Retention() {}

  public static Set<String> keep(List<Archive> archives, Aging aging, ZoneId zone) {
    List<Archive> newest = new ArrayList<>(archives);
    newest.sort(Comparator.comparing(Archive::time).thenComparing(Archive::id).reversed());
    Set<String> keep = new LinkedHashSet<>();
    if (newest.isEmpty()) {
      return keep;
    }
    if (aging.keepsAll()) {
      newest.forEach(a -> keep.add(a.id()));
      return keep;
    }
    keep.add(newest.get(0).id());
    if (aging.keepLast() != null) {
      newest.stream().limit(aging.keepLast()).forEach(a -> keep.add(a.id()));
    }
    if (aging.keepWithin() != null) {
      Instant from = newest.get(0).time().minus(Durations.parse(aging.keepWithin()));
      newest.stream().filter(a -> !a.time().isBefore(from)).forEach(a -> keep.add(a.id()));
    }
    if (aging.keepDaily() != null) {
      bucket(newest, aging.keepDaily(), a -> a.time().atZone(zone).toLocalDate().toString(), keep);
    }
    if (aging.keepWeekly() != null) {
      bucket(newest, aging.keepWeekly(), a -> {
        var d = a.time().atZone(zone).toLocalDate();
        return d.get(IsoFields.WEEK_BASED_YEAR) + "-" + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      }, keep);
    }
    return keep;
  }

  private static void bucket(List<Archive> newest, int n, java.util.function.Function<Archive, String> key,
      Set<String> keep) {
    Set<String> seen = new HashSet<>();
    for (Archive a : newest) {
      if (seen.size() >= n) {
        return;
      }
      if (seen.add(key.apply(a))) {
        keep.add(a.id());
      }
    }
  }
}
