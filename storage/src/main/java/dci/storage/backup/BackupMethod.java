package dci.storage.backup;

import java.util.Locale;

/**
 * How a blade's data is backed up: {@code snapshot} archives carry the whole tree's manifest,
 * {@code delta} archives only what changed since their parent, {@code mirror} sends changes
 * as they happen (delta archives cut within a bounded lag of a change).
 */
public enum BackupMethod {
  snapshot, delta, mirror;

  public static BackupMethod parse(String s) {
    try {
      return valueOf(s.trim().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown backup method '" + s + "': use snapshot, delta or mirror");
    }
  }
}
