package dci.actors.log;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the message log keeps ({@code dci.log.keep}): lines younger than {@code age} and the newest
 * {@code count} lines; either or both may be off (null), and with both off everything is kept.
 * A retention pass runs every {@code interval} when either is on.
 *
 * @param age lines logged longer ago than this are removed; null: no age limit
 * @param count at most this many (the newest) lines are kept; null: no count limit
 * @param interval how often the retention pass runs
 */
record LogKeep(Duration age, Long count, Duration interval) {

  LogKeep {
    if (age != null && (age.isNegative() || age.isZero())) {
      throw new IllegalArgumentException("dci.log.keep.age must be a positive duration or off");
    }
    if (count != null && count < 1) {
      throw new IllegalArgumentException("dci.log.keep.count must be 1 or more, or off");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("dci.log.keep.interval must be a positive duration");
    }
  }

  /** Keeps everything. */
  static final LogKeep FOREVER = new LogKeep(null, null, Duration.ofMinutes(10));

  static LogKeep from(Config c) {
    if (!c.hasPath("dci.log.keep")) {
      return FOREVER;
    }
    Config k = c.getConfig("dci.log.keep");
    Duration age = off(k, "age") ? null : k.getDuration("age");
    Long count = off(k, "count") ? null : k.getLong("count");
    return new LogKeep(age, count, LogSettings.durationOr(k, "interval", FOREVER.interval()));
  }

  private static boolean off(Config k, String key) {
    if (!k.hasPath(key)) {
      return true;
    }
    String v = k.getValue(key).unwrapped().toString();
    return v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false") || v.equalsIgnoreCase("none");
  }

  /** True when a retention pass has anything to do. */
  boolean on() {
    return age != null || count != null;
  }

  /** As {@code dci status} shows it: {@code "age 1h, count 1000000"}, or {@code "off"}. */
  String describe() {
    List<String> parts = new ArrayList<>();
    if (age != null) {
      parts.add("age " + human(age));
    }
    if (count != null) {
      parts.add("count " + count);
    }
    return parts.isEmpty() ? "off" : String.join(", ", parts);
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    if (d.toNanos() % 1_000_000_000L != 0) {
      return d.toMillis() + "ms";
    }
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
