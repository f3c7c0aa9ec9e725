package dci.app.packages;

import dci.hardware.ReplicatedMap;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PackageKeys;
import dci.protocol.pkg.PackageVersion;
import dci.protocol.pkg.TrustedKeys;
import dci.protocol.pkg.api.PublisherKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What is published and whom blades trust, replicated to every blade (durable): the map
 * {@code dci-packages} of {@link PackageInfo} by {@code NAME@VERSION}, and {@code dci-package-keys},
 * the publisher keys admins added (key id to base64 public key) on top of those in configuration.
 */
public final class PackageCatalog {
  public static final String PACKAGES = "dci-packages";
  public static final String KEYS = "dci-package-keys";

  private final ReplicatedMap<PackageInfo> packages;
  private final ReplicatedMap<String> keys;
  private final TrustedKeys configured;
  private final List<PublicKey> configuredKeys;

  public PackageCatalog(ActorSystem<?> system, PackagesSettings settings) {
    this.packages = new ReplicatedMap<>(system, PACKAGES, settings.writeTimeout());
    this.keys = new ReplicatedMap<>(system, KEYS, settings.writeTimeout());
    this.configured = settings.trusted();
    this.configuredKeys = settings.configuredKeys();
  }

  /** Every published package, as a majority knows them (this blade's copy if none answers). */
  public CompletionStage<Map<String, PackageInfo>> published() {
    return packages.allFromMajority();
  }

  /**
   * {@code name} at {@code version}, or its newest version when {@code version} is null. A named
   * version is looked up here first and then on a majority; the newest always on a majority (a
   * version published a moment ago may not have reached this blade yet).
   */
  public CompletionStage<Optional<PackageInfo>> find(String name, PackageVersion version) {
    if (version == null) {
      return packages.allFromMajority().thenApply(all -> newest(all, name));
    }
    String key = PackageInfo.key(name, version);
    return packages.all().thenCompose(local -> local.containsKey(key)
        ? CompletableFuture.completedFuture(Optional.of(local.get(key)))
        : packages.allFromMajority().thenApply(all -> Optional.ofNullable(all.get(key))));
  }

  /** The newest published version of {@code name} in {@code all}. */
  public static Optional<PackageInfo> newest(Map<String, PackageInfo> all, String name) {
    return all.values().stream().filter(p -> p.name().equals(name))
        .max(Comparator.comparing(PackageInfo::parsedVersion));
  }

  /** Announces a package to every blade (stored on a majority before it answers). */
  public CompletionStage<PackageInfo> announce(PackageInfo info) {
    return packages.put(PackageInfo.key(info.name(), info.parsedVersion()), info);
  }

  /** The keys trusted now: configured ones and those admins added (as a majority knows them). */
  public CompletionStage<TrustedKeys> trusted() {
    return keys.allFromMajority().thenApply(added -> {
      TrustedKeys t = configured;
      for (String k : added.values()) {
        try {
          t = t.with(PackageKeys.parsePublic(k));
        } catch (PackageException ignored) {
          // an entry that is not a key trusts nothing
        }
      }
      return t;
    });
  }

  public CompletionStage<List<PublisherKey>> keys() {
    return keys.allFromMajority().thenApply(added -> {
      List<PublisherKey> out = new ArrayList<>();
      for (PublicKey k : configuredKeys) {
        out.add(new PublisherKey(PackageKeys.keyId(k), PackageKeys.encodePublic(k), "config"));
      }
      added.forEach((id, k) -> out.add(new PublisherKey(id, k, "admin")));
      out.sort(Comparator.comparing(PublisherKey::keyId).thenComparing(PublisherKey::source));
      return out;
    });
  }

  /** Trusts {@code key} on every blade from now on; answers its key id. */
  public CompletionStage<String> addKey(PublicKey key) {
    String id = PackageKeys.keyId(key);
    return keys.put(id, PackageKeys.encodePublic(key)).thenApply(k -> id);
  }

  /** Stops trusting a key an admin added (keys in configuration stay). */
  public CompletionStage<Boolean> removeKey(String keyId) {
    return keys.allFromMajority().thenCompose(added -> added.containsKey(keyId) ? keys.remove(keyId)
        : CompletableFuture.completedFuture(false));
  }
}
