package dci.app.aims;

import java.time.Instant;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A query of the blades' system logs: lines since a time whose {@code TAG: TEXT} matches a regular expression,
 * optionally of one unit (systemd unit or syslog tag), at most {@code limit} a blade (the newest).
 */
record LogQuery(Pattern grep, String grepText, Instant since, String unit, int limit) {
  static final int MAX_LIMIT = 10_000;
  static final int MAX_LINE = 4096;

  /** Checks what a caller sent; an {@link IllegalArgumentException} says what is wrong. */
  static LogQuery of(String grep, Instant since, String unit, int limit) {
    Pattern p = null;
    if (grep != null && !grep.isEmpty()) {
      if (grep.length() > 256) {
        throw new IllegalArgumentException("grep is at most 256 characters");
      }
      try {
        p = Pattern.compile(grep);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("grep is not a regular expression: " + e.getDescription());
      }
    }
    if (unit != null && !unit.isEmpty() && !unit.matches("[A-Za-z0-9@._:-]{1,128}")) {
      throw new IllegalArgumentException("not a unit name: '" + dci.protocol.auth.Names.printable(unit) + "'");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit is 1.." + MAX_LIMIT);
    }
    return new LogQuery(p, grep, since, unit == null || unit.isEmpty() ? null : unit, limit);
  }

  /** This query without its unit (the journal chose the unit already). */
  LogQuery withoutUnit() {
    return new LogQuery(grep, grepText, since, null, limit);
  }

  /** Whether a line of {@code unit} at {@code at} saying {@code text} answers this query. */
  boolean matches(Instant at, String lineUnit, String text) {
    if (at != null && at.isBefore(since)) {
      return false;
    }
    if (unit != null && !unitMatches(lineUnit)) {
      return false;
    }
    if (grep == null) {
      return true;
    }
    // as grep over a syslog file: the tag is part of the line
    String line = (lineUnit == null ? "" : lineUnit + ": ") + text;
    return grep.matcher(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line).find();
  }

  private boolean unitMatches(String lineUnit) {
    if (lineUnit == null) {
      return false;
    }
    return lineUnit.equals(unit) || lineUnit.equals(unit + ".service") || (unit + ".service").equals(lineUnit);
  }
}
