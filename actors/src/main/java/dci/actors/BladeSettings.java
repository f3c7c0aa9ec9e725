package dci.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dci.protocol.auth.Names;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who a blade is and where it listens, read from {@code dci.blade} and {@code dci.http}.
 *
 * @param name blade name
 * @param host Artery host
 * @param port Artery port
 * @param httpHost HTTP API host
 * @param httpPort HTTP API port
 * @param dataDir data directory
 * @param seeds blades to join, "host:port"; empty forms a new cluster
 * @param dataCenter Pekko data center
 * @param roles operator roles
 */
public record BladeSettings(
    String name,
    String host,
    int port,
    String httpHost,
    int httpPort,
    Path dataDir,
    List<String> seeds,
    String dataCenter,
    List<String> roles) {

  /** Name of every blade's ActorSystem: blades of one cluster must share it. */
  public static final String SYSTEM_NAME = "dci";

  /** Role prefix carrying the blade's name through cluster membership. */
  public static final String NAME_ROLE_PREFIX = "dci-name:";

  public BladeSettings {
    Names.requireBladeName(name);
    requirePort("port", port);
    requirePort("http port", httpPort);
    seeds = List.copyOf(seeds);
    roles = List.copyOf(roles);
    dataDir = dataDir.toAbsolutePath().normalize();
    for (String seed : seeds) {
      parseSeed(seed);
    }
    for (String role : roles) {
      if (!role.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
        throw new IllegalArgumentException("invalid role '" + Names.printable(role) + "'");
      }
    }
    if (!dataCenter.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
      throw new IllegalArgumentException("invalid data center '" + Names.printable(dataCenter) + "'");
    }
  }

  /** Reads the settings from a loaded configuration (see {@link DciConfig}). */
  public static BladeSettings fromConfig(Config config) {
    Config b = config.getConfig("dci.blade");
    return new BladeSettings(
        b.getString("name"),
        b.getString("host"),
        b.getInt("port"),
        config.getString("dci.http.host"),
        config.getInt("dci.http.port"),
        Path.of(b.getString("data")),
        b.getStringList("seeds"),
        b.getString("data-center"),
        b.getStringList("roles"));
  }

  /** True when this blade forms a new cluster instead of joining one. */
  public boolean formsCluster() {
    return seeds.isEmpty();
  }

  /** The settings as configuration, to lay over the defaults. */
  public Config asConfig() {
    List<String> clusterRoles = new ArrayList<>(roles);
    clusterRoles.add(NAME_ROLE_PREFIX + name);
    return ConfigFactory.parseMap(
        Map.of(
            "dci.blade.name", name,
            "dci.blade.host", host,
            "dci.blade.port", port,
            "dci.blade.data", dataDir.toString(),
            "dci.blade.seeds", seeds,
            "dci.blade.data-center", dataCenter,
            "dci.blade.roles", roles,
            "dci.http.host", httpHost,
            "dci.http.port", httpPort,
            "pekko.cluster.roles", clusterRoles));
  }

  /** The blade name carried in a member's roles, if any. */
  public static java.util.Optional<String> nameOf(java.util.Set<String> memberRoles) {
    for (String role : memberRoles) {
      if (role.startsWith(NAME_ROLE_PREFIX)) {
        return java.util.Optional.of(role.substring(NAME_ROLE_PREFIX.length()));
      }
    }
    return java.util.Optional.empty();
  }

  /** Parses "host:port" into its parts; refuses anything else with a clear error. */
  public static HostPort parseSeed(String seed) {
    int colon = seed == null ? -1 : seed.lastIndexOf(':');
    if (colon <= 0 || colon == seed.length() - 1) {
      throw new IllegalArgumentException("invalid seed '" + Names.printable(seed) + "': expected HOST:PORT");
    }
    int port;
    try {
      port = Integer.parseInt(seed.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid seed '" + Names.printable(seed) + "': port is not a number");
    }
    requirePort("seed port", port);
    return new HostPort(seed.substring(0, colon), port);
  }

  private static void requirePort(String what, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(what + " " + port + " is out of range 1-65535");
    }
  }

  /** A seed's address. */
  public record HostPort(String host, int port) {}
}
