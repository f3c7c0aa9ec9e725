package dci.storage.backup;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a blade's backup runs by itself, as operators say it: {@code "6am weekly"} (Mondays
 * unless a day is named: {@code "6am weekly sun"}), {@code "daily 02:30"}, {@code "6am,6pm daily"},
 * {@code "hourly"} (on the hour; {@code "hourly :15"} at a quarter past), {@code "every 15m"}.
 * Times are in the blade's time zone.
 */
public record Schedule(Frequency frequency, List<LocalTime> times, DayOfWeek day, Duration every) {
  /** How often. */
  public enum Frequency { hourly, daily, weekly, every }

  private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?");
  private static final Pattern MINUTE = Pattern.compile(":(\\d{2})");

  public static Schedule parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    String[] words = t.split("[\\s,]+");
    Frequency f = null;
    List<LocalTime> times = new ArrayList<>();
    DayOfWeek day = DayOfWeek.MONDAY;
    Duration every = null;
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      switch (w) {
        case "hourly", "daily", "weekly" -> f = Frequency.valueOf(w);
        case "every" -> {
          if (i + 1 >= words.length) {
            throw invalid(text, "'every' needs a duration, e.g. every 15m");
          }
          every = Durations.parse(words[++i]);
          if (every.compareTo(Duration.ofMinutes(1)) < 0) {
            throw invalid(text, "runs can be at most once a minute");
          }
          f = Frequency.every;
        }
        default -> {
          DayOfWeek d = day(w);
          if (d != null) {
            day = d;
          } else if (!w.isEmpty()) {
            times.add(time(text, w));
          }
        }
      }
    }
    if (f == null) {
      throw invalid(text, "say hourly, daily, weekly or every DURATION");
    }
    if (times.isEmpty()) {
      times.add(f == Frequency.weekly || f == Frequency.daily ? LocalTime.of(0, 0) : LocalTime.MIDNIGHT);
    }
    times.sort(null);
    return new Schedule(f, List.copyOf(times), day, every);
  }

  /** The first firing strictly after {@code after}. */
  public Instant next(Instant after, ZoneId zone) {
    ZonedDateTime now = after.atZone(zone);
    return switch (frequency) {
      case every -> Instant.ofEpochMilli((after.toEpochMilli() / every.toMillis() + 1) * every.toMillis());
      case hourly -> {
        ZonedDateTime c = now.truncatedTo(ChronoUnit.HOURS).withMinute(times.get(0).getMinute());
        yield (c.isAfter(now) ? c : c.plusHours(1)).toInstant();
      }
      case daily -> {
        for (int d = 0; d <= 1; d++) {
          for (LocalTime lt : times) {
            ZonedDateTime c = now.toLocalDate().plusDays(d).atTime(lt).atZone(zone);
            if (c.isAfter(now)) {
              yield c.toInstant();
            }
          }
        }
        throw new IllegalStateException("unreachable");
      }
      case weekly -> {
        for (int w = 0; w <= 1; w++) {
          var date = now.toLocalDate().with(TemporalAdjusters.previousOrSame(day)).plusWeeks(w);
          for (LocalTime lt : times) {
            ZonedDateTime c = date.atTime(lt).atZone(zone);
            if (c.isAfter(now)) {
              yield c.toInstant();
            }
          }
        }
        throw new IllegalStateException("unreachable");
      }
    };
  }

  private static LocalTime time(String text, String w) {
    Matcher minute = MINUTE.matcher(w);
    if (minute.matches()) {
      return LocalTime.of(0, minute(text, minute.group(1)));
    }
    Matcher m = TIME.matcher(w);
    if (!m.matches()) {
      throw invalid(text, "'" + w + "' is not a time, day or frequency");
    }
    int h = Integer.parseInt(m.group(1));
    int min = m.group(2) == null ? 0 : minute(text, m.group(2));
    if (m.group(3) != null) {
      if (h < 1 || h > 12) {
        throw invalid(text, "'" + w + "': hours run 1-12 with am/pm");
      }
      h = h % 12 + (m.group(3).equals("pm") ? 12 : 0);
    } else if (h > 23) {
      throw invalid(text, "'" + w + "': hours run 0-23");
    }
    return LocalTime.of(h, min);
  }

  private static int minute(String text, String s) {
    int m = Integer.parseInt(s);
    if (m > 59) {
      throw invalid(text, "minutes run 0-59");
    }
    return m;
  }

  private static DayOfWeek day(String w) {
    for (DayOfWeek d : DayOfWeek.values()) {
      String name = d.name().toLowerCase(Locale.ROOT);
      if (w.length() >= 3 && name.startsWith(w)) {
        return d;
      }
    }
    return null;
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("invalid schedule '" + text + "': " + why);
  }
}
