package dci.protocol.pkg;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dci.protocol.auth.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A package version, semantic-ish: 1 to 6 dot-separated numbers without leading zeros
 * ({@code 1}, {@code 1.2}, {@code 2.0.13}), then optionally {@code -qualifier}
 * ({@code 1.0.0-rc.1}). Ordering: numbers compare part by part, missing parts counting as 0;
 * a version with a qualifier comes before the same version without one (rc before release);
 * qualifiers compare by dot-separated identifiers, numeric ones numerically and before
 * alphanumeric ones. When two versions are equal in value but not in spelling ({@code 1.2}
 * and {@code 1.2.0}), the one with fewer parts comes first, so ordering agrees with equality.
 * As JSON it is its text.
 *
 * @param parts the numbers, at least one
 * @param qualifier text after '-', or null
 */
public record PackageVersion(List<Long> parts, String qualifier) implements Comparable<PackageVersion> {
  private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,17}");
  private static final Pattern QUALIFIER = Pattern.compile("[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*");
  private static final int MAX_PARTS = 6;
  private static final int MAX_QUALIFIER = 64;

  public PackageVersion {
    if (parts == null || parts.isEmpty() || parts.size() > MAX_PARTS) {
      throw new PackageException("a version has 1 to " + MAX_PARTS + " numeric parts");
    }
    parts = List.copyOf(parts);
    for (long p : parts) {
      if (p < 0) {
        throw new PackageException("negative version part " + p);
      }
    }
    if (qualifier != null && (qualifier.length() > MAX_QUALIFIER || !QUALIFIER.matcher(qualifier).matches())) {
      throw new PackageException("invalid version qualifier '" + Names.printable(qualifier)
          + "': letters, digits, '-' and '.', at most " + MAX_QUALIFIER);
    }
  }

  /** Parses {@code 1.2.3} or {@code 1.2.3-beta.2}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static PackageVersion parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 200) {
      throw new PackageException("invalid version '" + Names.printable(text) + "'");
    }
    int dash = text.indexOf('-');
    String numbers = dash < 0 ? text : text.substring(0, dash);
    String qualifier = dash < 0 ? null : text.substring(dash + 1);
    List<Long> parts = new ArrayList<>();
    for (String p : numbers.split("\\.", -1)) {
      if (!NUMBER.matcher(p).matches()) {
        throw new PackageException("invalid version '" + Names.printable(text)
            + "': expected numbers separated by '.' (no leading zeros), then optionally -qualifier");
      }
      parts.add(Long.parseLong(p));
    }
    try {
      return new PackageVersion(parts, qualifier);
    } catch (PackageException e) {
      throw new PackageException("invalid version '" + Names.printable(text) + "': " + e.getMessage());
    }
  }

  @Override
  public int compareTo(PackageVersion o) {
    int n = Math.max(parts.size(), o.parts.size());
    for (int i = 0; i < n; i++) {
      int c = Long.compare(i < parts.size() ? parts.get(i) : 0, i < o.parts.size() ? o.parts.get(i) : 0);
      if (c != 0) {
        return c;
      }
    }
    int q = compareQualifiers(qualifier, o.qualifier);
    if (q != 0) {
      return q;
    }
    int c = Integer.compare(parts.size(), o.parts.size());
    return c != 0 || qualifier == null ? c : qualifier.compareTo(o.qualifier);
  }

  public boolean isNewerThan(PackageVersion o) {
    return compareTo(o) > 0;
  }

  private static int compareQualifiers(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = compareIdentifiers(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private static int compareIdentifiers(String a, String b) {
    boolean na = a.chars().allMatch(Character::isDigit);
    boolean nb = b.chars().allMatch(Character::isDigit);
    if (na && nb) {
      return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
    }
    if (na != nb) {
      return na ? -1 : 1;
    }
    return a.compareTo(b);
  }

  @JsonValue
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      sb.append(i == 0 ? "" : ".").append(parts.get(i));
    }
    return qualifier == null ? sb.toString() : sb.append('-').append(qualifier).toString();
  }
}
