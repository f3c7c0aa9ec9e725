package dci.app.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The one duration type of the CLI's options ({@code --timeout}, {@code --wait}): a whole number
 * and a unit, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or a bare number of seconds (as
 * the {@code --timeout} options took before). Registered for {@link Duration} on the whole command
 * tree, so an option of that type needs nothing more than its help text ({@link #HELP}).
 */
final class CliDuration implements CommandLine.ITypeConverter<Duration> {
  /** What every duration option's help says its value is. */
  static final String HELP = "duration (30s, 5m)";

  private static final Pattern FORM = Pattern.compile("([0-9]{1,9})(ms|s|m|h)?");

  @Override
  public Duration convert(String text) {
    return parse(text);
  }

  /** {@code text} as a duration; a {@link CommandLine.TypeConversionException} saying what is wrong if it is not one. */
  static Duration parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException("'" + text + "' is not a duration: a whole number and ms, s, m"
          + " or h, e.g. 30s or 5m (a bare number is seconds)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2) == null ? "s" : m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /** {@code d} as an operator writes it, in the largest unit that holds it whole: 5s, 500ms, 2m, 1h. */
  static String text(Duration d) {
    long ms = d.toMillis();
    if (ms > 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms > 0 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  /** Whole seconds, rounded up: what a blade takes where it counts in seconds. */
  static long seconds(Duration d) {
    return (d.toMillis() + 999) / 1000;
  }
}
