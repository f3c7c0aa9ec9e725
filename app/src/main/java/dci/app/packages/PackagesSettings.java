package dci.app.packages;

import com.typesafe.config.Config;
import dci.app.install.InstallLimits;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PackageKeys;
import dci.protocol.pkg.TrustedKeys;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;

/**
 * The {@code dci.packages} section: keys every blade trusts, upload cap, how long an install
 * may take, how often followed packages are checked, and what steps may cost.
 *
 * @param configuredKeys the publisher keys listed in configuration (admins add more at run time)
 * @param maxPackageSize largest package file {@code POST /api/packages} takes
 * @param publishTimeout how long a publish (upload, verification, VNAS write) may take
 * @param installTimeout how long an install job waits for one blade's answer
 * @param followCheck how often a blade compares what it follows with what is published (zero: never)
 * @param writeTimeout a catalog or key write waits this long for a majority
 * @param keepJobs finished install jobs an API blade remembers
 * @param limits what one step may cost
 */
public record PackagesSettings(List<PublicKey> configuredKeys, long maxPackageSize, Duration publishTimeout,
    Duration installTimeout,
    Duration followCheck, Duration writeTimeout, int keepJobs, InstallLimits limits) {

  public static PackagesSettings fromConfig(Config config) {
    Config c = config.getConfig("dci.packages");
    List<PublicKey> keys;
    try {
      keys = c.getStringList("trusted-keys").stream().map(PackageKeys::parsePublic).toList();
    } catch (PackageException e) {
      throw new IllegalArgumentException("dci.packages.trusted-keys: " + e.getMessage(), e);
    }
    InstallLimits limits = new InstallLimits((int) Math.min(Integer.MAX_VALUE, c.getBytes("max-step-output")),
        c.getInt("max-extract-entries"), c.getBytes("max-extract-bytes"));
    return new PackagesSettings(keys, c.getBytes("max-package-size"), c.getDuration("publish-timeout"),
        c.getDuration("install-timeout"),
        c.getDuration("follow-check-interval"), c.getDuration("write-timeout"), c.getInt("keep-jobs"), limits);
  }

  public PackagesSettings {
    configuredKeys = List.copyOf(configuredKeys);
  }

  /** The configured keys as a {@link TrustedKeys}. */
  public TrustedKeys trusted() {
    return TrustedKeys.of(configuredKeys);
  }
}
