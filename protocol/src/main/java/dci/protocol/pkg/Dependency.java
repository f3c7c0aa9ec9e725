package dci.protocol.pkg;

/**
 * A package this one needs installed first.
 *
 * @param name the package needed
 * @param minVersion the oldest acceptable version, or null for any
 */
public record Dependency(String name, PackageVersion minVersion) {
  public Dependency {
    PackageNames.requirePackage(name);
  }

  /** Whether {@code installed} satisfies this dependency. */
  public boolean acceptedBy(PackageVersion installed) {
    return installed != null && (minVersion == null || installed.compareTo(minVersion) >= 0);
  }

  @Override
  public String toString() {
    return minVersion == null ? name : name + ">=" + minVersion;
  }
}
