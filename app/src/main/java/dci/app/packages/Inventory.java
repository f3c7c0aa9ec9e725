package dci.app.packages;

import dci.app.install.InstalledPackage;
import dci.protocol.pkg.ServiceStep;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one blade has installed (from its install records, checked when read) and follows.
 *
 * @param blade the blade
 * @param packages installed packages, by name
 * @param follows names of the packages the blade follows
 */
public record Inventory(String blade, List<Row> packages, List<String> follows) {
  /**
   * One installed package.
   *
   * @param peerlet the app type its peerlet serves here, or null (none shipped, or not loaded)
   * @param services the services it registers
   */
  public record Row(String name, String version, String description, String keyId, Instant installedAt,
      String peerlet, boolean following, List<String> services) {}

  static Inventory of(String blade, List<InstalledPackage> installed, List<String> follows,
      Map<String, String> peerlets) {
    List<Row> rows = installed.stream().map(p -> new Row(p.name(), p.version().toString(),
        p.manifest().description(), p.keyId(), p.installedAt(), peerlets.get(p.name()), follows.contains(p.name()),
        p.manifest().services(false).stream().map(ServiceStep::name).toList())).toList();
    return new Inventory(blade, rows, follows);
  }
}
