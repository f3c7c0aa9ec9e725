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
      dir.credentials(settings.name());
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
