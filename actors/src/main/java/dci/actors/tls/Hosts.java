package dci.actors.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Tells addresses from names, and loopback from the rest, without a DNS lookup. */
public final class Hosts {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern DNS = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  private Hosts() {}

  /** True for an IPv4 or IPv6 literal. */
  public static boolean isAddress(String host) {
    return IPV4.matcher(host).matches() || host.contains(":");
  }

  /** True for {@code localhost} and loopback literals (127.0.0.0/8, ::1). */
  public static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!isAddress(host)) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Refuses what is neither an address nor a DNS name, with a clear error. */
  public static String require(String host) {
    if (host == null || host.isBlank() || host.length() > 253) {
      throw new IllegalArgumentException("a host must be an address or a DNS name");
    }
    if (isAddress(host)) {
      try {
        InetAddress.getByName(host);
        return host;
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("'" + dci.protocol.auth.Names.printable(host) + "' is not a valid address");
      }
    }
    if (!DNS.matcher(host).matches()) {
      throw new IllegalArgumentException("'" + dci.protocol.auth.Names.printable(host) + "' is not a DNS name");
    }
    return host;
  }
}
