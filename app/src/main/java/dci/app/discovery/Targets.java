package dci.app.discovery;

import dci.actors.tls.Hosts;
import dci.protocol.auth.Names;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The addresses a discovery probes: every address of an IPv4 CIDR range ({@code 10.0.0.0/24},
 * the network and broadcast addresses included) and each given host (an address, or a name
 * resolved now), without duplicates, at most {@code max} of them: a bigger range or list is
 * refused before anything is probed.
 */
final class Targets {
  private Targets() {}

  static List<InetAddress> of(String range, List<String> hosts, int max) {
    Set<InetAddress> out = new LinkedHashSet<>();
    if (range != null) {
      out.addAll(range(range, max));
    }
    if (hosts != null) {
      if (hosts.size() > max) {
        throw new IllegalArgumentException(hosts.size() + " hosts are more than the " + max + " a discovery probes");
      }
      for (String h : hosts) {
        out.add(resolve(h));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("give a range (e.g. 10.0.0.0/24) or hosts to probe");
    }
    if (out.size() > max) {
      throw new IllegalArgumentException(out.size() + " addresses are more than the " + max + " a discovery probes");
    }
    return new ArrayList<>(out);
  }

  /** Every address of an IPv4 CIDR range, refused if it has more than {@code max}. */
  static List<InetAddress> range(String cidr, int max) {
    String shown = Names.printable(cidr);
    int slash = cidr.indexOf('/');
    if (slash < 0 || !cidr.substring(0, slash).matches("\\d{1,3}(\\.\\d{1,3}){3}")
        || !cidr.substring(slash + 1).matches("\\d{1,2}")) {
      throw new IllegalArgumentException("'" + shown + "' is not an IPv4 CIDR range such as 10.0.0.0/24");
    }
    int bits = Integer.parseInt(cidr.substring(slash + 1));
    if (bits > 32) {
      throw new IllegalArgumentException("'" + shown + "': a prefix is 0 to 32 bits");
    }
    int base = 0;
    for (String part : cidr.substring(0, slash).split("\\.")) {
      int b = Integer.parseInt(part);
      if (b > 255) {
        throw new IllegalArgumentException("'" + shown + "' is not an IPv4 address range (" + b + " > 255)");
      }
      base = (base << 8) | b;
    }
    long size = 1L << (32 - bits);
    if (size > max) {
      throw new IllegalArgumentException("'" + shown + "' has " + size + " addresses, more than the " + max
          + " a discovery probes: use a prefix of /" + (32 - Long.numberOfTrailingZeros(Long.highestOneBit(max)))
          + " or longer");
    }
    int network = bits == 0 ? 0 : base & (int) (0xFFFFFFFFL << (32 - bits));
    List<InetAddress> out = new ArrayList<>();
    for (long i = 0; i < size; i++) {
      int a = network + (int) i;
      try {
        out.add(InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a}));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  private static InetAddress resolve(String host) {
    String h = Hosts.require(host == null ? null : host.strip());
    try {
      return InetAddress.getByName(h);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve '" + Names.printable(h) + "'");
    }
  }
}
