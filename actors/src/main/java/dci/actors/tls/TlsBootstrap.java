package dci.actors.tls;

import dci.actors.BladeSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Makes sure a blade has its TLS files before its ActorSystem starts: a blade that forms a new
 * cluster makes the cluster CA and its own certificate; a joining blade must have been given a
 * join bundle (installed with {@link #install}); either keeps what it has on later starts.
 */
public final class TlsBootstrap {
  private TlsBootstrap() {}

  /** What {@link #prepare} found or did. */
  public enum Outcome {
    KEPT,
    FORMED_CA,
    JOINED
  }

  /** Makes or checks {@code settings}' TLS files; throws with a clear message when it cannot. */
  public static Outcome prepare(BladeSettings settings) {
    TlsDir dir = TlsDir.of(settings.dataDir());
    if (dir.hasCredentials()) {
      BladeCredentials own = dir.credentials(settings.name());
      if (dir.holdsCa() && hostsOf(settings).stream().anyMatch(h -> !names(own, h))) {
        // the CA's own blade moved to another address: it re-issues its own certificate
        dir.writeCredentials(dir.ca().issue(settings.name(), hostsOf(settings)));
      }
      return Outcome.KEPT;
    }
    if (!settings.formsCluster()) {
      throw new IllegalStateException("blade " + settings.name() + " has no certificate of the cluster it joins: "
          + "on the cluster, run `dci cert issue --blade " + settings.name() + " --out FILE`, then start this "
          + "blade with --join FILE");
    }
    ClusterCa ca = ClusterCa.create(UUID.randomUUID().toString().substring(0, 8));
    dir.writeCa(ca);
    dir.writeCredentials(ca.issue(settings.name(), hostsOf(settings)));
    return Outcome.FORMED_CA;
  }

  /** Installs a join bundle's credentials as {@code settings}' TLS files (replacing older ones). */
  public static Outcome install(BladeSettings settings, BladeCredentials bundle) {
    if (!bundle.blade().equals(settings.name())) {
      throw new IllegalArgumentException("the join bundle is for blade " + bundle.blade() + ", not for "
          + settings.name() + ": start with --name " + bundle.blade() + " or issue a bundle for " + settings.name());
    }
    TlsDir dir = TlsDir.of(settings.dataDir());
    if (dir.holdsCa() && !Keys.fingerprint(dir.ca().certificate()).equals(Keys.fingerprint(bundle.ca()))) {
      throw new IllegalArgumentException("this blade holds the CA of another cluster in " + dir.path()
          + ": a blade joins one cluster only; use a new --data directory");
    }
    dir.writeCredentials(bundle);
    return Outcome.JOINED;
  }

  /** True when {@code host} is among the names (subject alternative names) of the credentials' certificate. */
  public static boolean names(BladeCredentials c, String host) {
    try {
      var sans = c.certificate().getSubjectAlternativeNames();
      if (sans == null) {
        return false;
      }
      String wanted = normal(host);
      return sans.stream().anyMatch(san -> normal(String.valueOf(san.get(1))).equals(wanted));
    } catch (java.security.cert.CertificateParsingException e) {
      return false;
    }
  }

  private static String normal(String host) {
    if (Hosts.isAddress(host)) {
      try {
        return java.net.InetAddress.getByName(host).getHostAddress();
      } catch (java.net.UnknownHostException e) {
        return host;
      }
    }
    return host.toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Refuses to serve HTTPS on {@code host} with a certificate that does not name it (every
   * client would refuse it), saying how to get one that does.
   */
  public static void requireHttpsName(BladeCredentials c, String host) {
    if (!host.equals("0.0.0.0") && !host.equals("::") && !names(c, host)) {
      throw new IllegalStateException("the certificate of " + c.blade() + " does not name its HTTP address " + host
          + ": issue its join bundle again with `dci cert issue --blade " + c.blade() + " --host " + host
          + " --out FILE` and restart it with --join FILE");
    }
  }

  /** The addresses a blade is reached by, for its certificate (loopback is always in it). */
  public static List<String> hostsOf(BladeSettings settings) {
    LinkedHashSet<String> hosts = new LinkedHashSet<>();
    for (String h : new String[] {settings.host(), settings.httpHost()}) {
      if (!h.equals("0.0.0.0") && !h.equals("::")) {
        hosts.add(Hosts.require(h));
      }
    }
    return new ArrayList<>(hosts);
  }
}
