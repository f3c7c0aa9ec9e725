package dci.protocol.pkg;

import dci.protocol.auth.Names;
import java.util.regex.Pattern;

/**
 * The names a manifest carries, checked where they enter: package names (which become
 * directory names on every blade), peerlet app types, Java class names, service names and
 * environment variable names.
 */
public final class PackageNames {
  private static final Pattern PACKAGE = Pattern.compile("[a-z][a-z0-9._-]{0,63}");
  private static final Pattern APP_TYPE = Pattern.compile("[a-z][a-z0-9._-]{0,63}");
  private static final Pattern CLASS = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
  private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  /** Environment variables the installer sets itself; a manifest may not set these. */
  public static final String RESERVED_ENV_PREFIX = "DCI_PACKAGE_";

  private PackageNames() {}

  /** A package name: 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter. */
  public static String requirePackage(String name) {
    if (name == null || !PACKAGE.matcher(name).matches()) {
      throw new PackageException("invalid package name '" + Names.printable(name)
          + "': 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter");
    }
    return name;
  }

  /** A service name: the same rule as package names. */
  public static String requireService(String name) {
    if (name == null || !PACKAGE.matcher(name).matches()) {
      throw new PackageException("invalid service name '" + Names.printable(name)
          + "': 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter");
    }
    return name;
  }

  /** A peerlet app type, the same rule as an envelope's {@code appType}. */
  public static String requireAppType(String appType) {
    if (appType == null || !APP_TYPE.matcher(appType).matches()) {
      throw new PackageException("invalid peerlet app type '" + Names.printable(appType)
          + "': 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter");
    }
    return appType;
  }

  /** A fully qualified Java class name such as {@code com.example.HelloPeerlet}. */
  public static String requireClassName(String name) {
    if (name == null || name.length() > 256 || !CLASS.matcher(name).matches()) {
      throw new PackageException("invalid Java class name '" + Names.printable(name) + "'");
    }
    return name;
  }

  /** An environment variable name a manifest may set. */
  public static String requireEnvName(String name) {
    if (name == null || !ENV.matcher(name).matches()) {
      throw new PackageException("invalid environment variable name '" + Names.printable(name)
          + "': letters, digits and '_', not starting with a digit");
    }
    if (name.startsWith(RESERVED_ENV_PREFIX)) {
      throw new PackageException("environment variable " + name + " is reserved: the installer sets "
          + RESERVED_ENV_PREFIX + "* itself");
    }
    return name;
  }

  /**
   * Refuses NUL and other control characters; tab and newline are allowed when
   * {@code multiline} (carriage returns never: XML would not keep them).
   */
  static String requireText(String what, String s, int maxLength, boolean multiline) {
    if (s == null) {
      throw new PackageException(what + " missing");
    }
    if (s.length() > maxLength) {
      throw new PackageException(what + " too long: at most " + maxLength + " characters");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean allowed = multiline && (c == '\n' || c == '\t');
      if (Character.isISOControl(c) && !allowed) {
        throw new PackageException(what + " '" + Names.printable(s) + "' contains a control character");
      }
    }
    return s;
  }
}
