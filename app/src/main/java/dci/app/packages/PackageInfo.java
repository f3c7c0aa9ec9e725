package dci.app.packages;

import dci.protocol.DciSerializable;
import dci.protocol.pkg.PackageVersion;
import dci.protocol.pkg.api.PublishedPackage;
import java.time.Instant;

/**
 * A published package, as every blade sees it (replicated map {@code dci-packages}, key
 * {@code NAME@VERSION}): what it is, who signed it, and where its file lies on the VNAS.
 *
 * @param name package name
 * @param version its version, as text
 * @param description the manifest's description
 * @param keyId the publisher key that signed it
 * @param size bytes of the package file
 * @param sha256 SHA-256 of the whole package file (checked again after each download)
 * @param vnasPath where the file is, {@code /.packages/NAME/VERSION.dcipkg}
 * @param publishedBy the user who published it
 * @param publishedAt when
 * @param peerlet the app type of the peerlet it ships, or null
 */
public record PackageInfo(String name, String version, String description, String keyId, long size, String sha256,
    String vnasPath, String publishedBy, Instant publishedAt, String peerlet) implements DciSerializable {

  /** The map key of {@code name} at {@code version}. */
  public static String key(String name, PackageVersion version) {
    return name + "@" + version;
  }

  /** Where the file of {@code name} at {@code version} is kept on the VNAS. */
  public static String pathOf(String name, PackageVersion version) {
    return Packages.VNAS_ROOT + "/" + name + "/" + version + ".dcipkg";
  }

  /** As the API shows it. */
  public PublishedPackage wire() {
    return new PublishedPackage(name, version, description, keyId, size, sha256, vnasPath, publishedBy, publishedAt,
        peerlet);
  }

  /** {@link #version} parsed. */
  public PackageVersion parsedVersion() {
    return PackageVersion.parse(version);
  }
}
