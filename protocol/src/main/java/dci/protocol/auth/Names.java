package dci.protocol.auth;

import java.util.regex.Pattern;

/** Checks the names operators type, where they enter. */
public final class Names {
  private static final Pattern USER = Pattern.compile("[a-z][a-z0-9._-]{0,31}");
  private static final Pattern DOMAIN = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");
  private static final Pattern BLADE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** The domain of users created without one. */
  public static final String DEFAULT_DOMAIN = "local";

  /** Passwords shorter than this are refused. */
  public static final int MIN_PASSWORD_LENGTH = 8;

  /** Passwords longer than this are refused (they only cost hashing time). */
  public static final int MAX_PASSWORD_LENGTH = 1024;

  private Names() {}

  public static String requireUser(String user) {
    if (user == null || !USER.matcher(user).matches()) {
      throw new IllegalArgumentException(
          "invalid user name '" + printable(user)
              + "': 1-32 characters, lower-case letters, digits, '.', '_' or '-', starting with a letter");
    }
    return user;
  }

  /** Returns the domain, or the default one when none is given. */
  public static String domainOrDefault(String domain) {
    if (domain == null || domain.isBlank()) {
      return DEFAULT_DOMAIN;
    }
    String d = domain.trim().toLowerCase(java.util.Locale.ROOT);
    if (!DOMAIN.matcher(d).matches()) {
      throw new IllegalArgumentException(
          "invalid domain '" + printable(domain) + "': letters, digits, '.' and '-', at most 63");
    }
    return d;
  }

  public static String requireBladeName(String name) {
    if (name == null || !BLADE.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid blade name '" + printable(name)
              + "': 1-63 lower-case letters, digits or '-', starting with a letter or digit");
    }
    return name;
  }

  public static String requirePassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException(
          "password too short: at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (password.length() > MAX_PASSWORD_LENGTH) {
      throw new IllegalArgumentException(
          "password too long: at most " + MAX_PASSWORD_LENGTH + " characters");
    }
    return password;
  }

  /** Shortens and strips control characters so a name can be echoed in an error safely. */
  public static String printable(String s) {
    if (s == null) {
      return "";
    }
    String t = s.length() > 40 ? s.substring(0, 40) + "…" : s;
    return t.replaceAll("\\p{Cntrl}", "?");
  }
}
