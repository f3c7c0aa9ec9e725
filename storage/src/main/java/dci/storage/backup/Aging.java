package dci.storage.backup;

import dci.protocol.DciSerializable;

/**
 * Which archives aging keeps (the rest are forgotten, their chunks collected when no kept
 * archive needs them). Null fields do not keep anything; with every field null, all archives
 * are kept. The newest archive is always kept.
 *
 * @param keepWithin keep every archive this close to the newest one, e.g. {@code 30d}, {@code 12h}
 * @param keepLast keep the newest N archives
 * @param keepDaily keep the newest archive of each of the last N days that have one
 * @param keepWeekly keep the newest archive of each of the last N weeks that have one
 */
public record Aging(String keepWithin, Integer keepLast, Integer keepDaily, Integer keepWeekly)
    implements DciSerializable {
  public static final Aging KEEP_ALL = new Aging(null, null, null, null);

  public Aging {
    if (keepWithin != null) {
      Durations.parse(keepWithin);
    }
    for (Integer n : new Integer[] {keepLast, keepDaily, keepWeekly}) {
      if (n != null && n < 0) {
        throw new IllegalArgumentException("aging counts must not be negative");
      }
    }
  }

  public boolean keepsAll() {
    return keepWithin == null && keepLast == null && keepDaily == null && keepWeekly == null;
  }
}
