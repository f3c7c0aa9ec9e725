package dci.app.packages;

import dci.app.install.InstalledPackage;
import dci.protocol.pkg.ServiceStep;
import dci.protocol.pkg.api.Inventory;
import java.util.List;
import java.util.Map;

/** A blade's {@link Inventory} (its wire contract) from its install records and the packages it follows. */
final class Inventories {
  private Inventories() {}

  static Inventory of(String blade, List<InstalledPackage> installed, List<String> follows,
      Map<String, String> peerlets) {
    List<Inventory.Row> rows = installed.stream().map(p -> new Inventory.Row(p.name(), p.version().toString(),
        p.manifest().description(), p.keyId(), p.installedAt(), peerlets.get(p.name()), follows.contains(p.name()),
        p.manifest().services(false).stream().map(ServiceStep::name).toList())).toList();
    return new Inventory(blade, rows, follows);
  }
}
