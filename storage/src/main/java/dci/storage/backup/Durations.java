package dci.storage.backup;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them: {@code 30d}, {@code 12h}, {@code 15m}, {@code 90s}, {@code 2w}. */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d{1,6})\\s*([smhdw])");

  private Durations() {}

  public static Duration parse(String s) {
    Matcher m = FORM.matcher(s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid duration '" + s + "': use a number and s, m, h, d or w (e.g. 30d)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }
}
