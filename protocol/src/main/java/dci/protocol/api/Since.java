package dci.protocol.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code since} of the API's histories: how far back, a whole number and ms, s, m, h or d (1h, 10m, 7d). */
public final class Since {
  private static final Pattern FORM = Pattern.compile("(\\d{1,6})(ms|s|m|h|d)");

  private Since() {}

  /** {@code text} as a duration, or an {@link IllegalArgumentException} saying what a since is. */
  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid since '" + dci.protocol.auth.Names.printable(String.valueOf(text))
          + "': e.g. 1h, 10m, 90s, 7d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
