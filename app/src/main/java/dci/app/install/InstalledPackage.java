package dci.app.install;

import dci.protocol.pkg.Manifest;
import dci.protocol.pkg.PackageVersion;
import java.nio.file.Path;

/**
 * A package installed on this blade, as its records in {@code <dir>/.dci/} say (the signed
 * manifest and its signature, checked again when read).
 *
 * @param manifest the manifest it was installed from
 * @param keyId the publisher key that signed it
 * @param dir its install directory
 * @param installedAt when this version was committed
 */
public record InstalledPackage(Manifest manifest, String keyId, Path dir, java.time.Instant installedAt) {
  public String name() {
    return manifest.name();
  }

  public PackageVersion version() {
    return manifest.version();
  }
}
