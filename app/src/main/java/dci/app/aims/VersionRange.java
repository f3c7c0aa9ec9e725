package dci.app.aims;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy's version condition: one or more comparisons joined by commas, each
 * {@code >=, >, <=, <, =} or {@code !=} and a version ({@code ">= 1.2, < 2"}); a bare version means
 * {@code =}; empty or {@code *} means any version. Versions compare in Debian's order.
 */
record VersionRange(String text, List<Bound> bounds) {
  private static final Pattern ONE = Pattern.compile("\\s*(>=|<=|!=|=|>|<)?\\s*([A-Za-z0-9.+~:_-]{1,128})\\s*");

  record Bound(String op, String version) {
    boolean admits(String v) {
      int c = DebianVersion.compare(v, version);
      return switch (op) {
        case ">=" -> c >= 0;
        case ">" -> c > 0;
        case "<=" -> c <= 0;
        case "<" -> c < 0;
        case "!=" -> c != 0;
        default -> c == 0;
      };
    }
  }

  /** The range {@code text} means; an {@link IllegalArgumentException} naming what is wrong. */
  static VersionRange parse(String text) {
    String t = text == null ? "" : text.trim();
    if (t.isEmpty() || t.equals("*")) {
      return new VersionRange("*", List.of());
    }
    List<Bound> bounds = new ArrayList<>();
    for (String part : t.split(",", -1)) {
      Matcher m = ONE.matcher(part);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a version condition: '" + dci.protocol.auth.Names.printable(part.trim())
            + "' (write e.g. \">= 1.2\", \"< 2.0\", \"= 1:2.3-1\", or several joined by commas)");
      }
      bounds.add(new Bound(m.group(1) == null ? "=" : m.group(1), m.group(2)));
    }
    return new VersionRange(t, List.copyOf(bounds));
  }

  /** Whether version {@code v} meets every comparison (an unknown version meets only "any"). */
  boolean admits(String v) {
    if (bounds.isEmpty()) {
      return true;
    }
    return v != null && !v.isBlank() && bounds.stream().allMatch(b -> b.admits(v));
  }

  boolean any() {
    return bounds.isEmpty();
  }

  @Override
  public String toString() {
    return text;
  }
}
