package dci.app.aims;

import dci.protocol.aims.HostInventory;
import dci.protocol.aims.HostInventory.Item;
import dci.protocol.aims.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A blade's violations of a {@link Policy}, from its {@link HostInventory}. Pure. */
final class PolicyCheck {
  private PolicyCheck() {}

  static List<Violation> violations(Policy policy, HostInventory inv) {
    List<Violation> out = new ArrayList<>();
    rules(out, inv.blade(), "package", policy.packages(), inv.packages(), Function.identity());
    rules(out, inv.blade(), "dci-package", policy.dciPackages(), inv.dciPackages(), Function.identity());
    rules(out, inv.blade(), "module", policy.modules(), inv.modules(), HostReader::moduleName);
    Map<String, HostInventory.Service> services = inv.services().stream()
        .collect(Collectors.toMap(HostInventory.Service::name, s -> s, (a, b) -> a));
    for (String s : policy.services().running()) {
      var found = services.get(s);
      if (found == null || !"running".equals(found.state())) {
        out.add(new Violation(inv.blade(), "service", s, "running", found == null ? "absent" : found.state()));
      }
    }
    for (String s : policy.services().stopped()) {
      var found = services.get(s);
      if (found != null && "running".equals(found.state())) {
        out.add(new Violation(inv.blade(), "service", s, "stopped", "running"));
      }
    }
    if (policy.ports() != null) {
      String allowed = "allow " + String.join(", ", policy.ports().allow());
      inv.ports().stream().filter(p -> !policy.ports().allows(p.port()))
          .map(p -> new Violation(inv.blade(), "port", p.proto() + " " + p.address() + ":" + p.port(), allowed,
              "listening" + (p.process() == null ? "" : " by " + p.process()) + " (user " + p.user() + ")"))
          .distinct().forEach(out::add);
    }
    return out;
  }

  private static void rules(List<Violation> out, String blade, String kind, Policy.Rules rules, List<Item> have,
      Function<String, String> key) {
    Map<String, Item> byName = have.stream().collect(Collectors.toMap(i -> key.apply(i.name()), i -> i, (a, b) -> a));
    for (Policy.Entry e : rules.require()) {
      Item found = byName.get(key.apply(e.name()));
      VersionRange range = e.range();
      String rule = "require" + (range.any() ? "" : " " + range);
      if (found == null) {
        out.add(new Violation(blade, kind, e.name(), rule, "absent"));
      } else if (!range.admits(found.version())) {
        out.add(new Violation(blade, kind, e.name(), rule, found.version() == null ? "version unknown" : found.version()));
      }
    }
    for (Policy.Entry e : rules.forbid()) {
      Item found = byName.get(key.apply(e.name()));
      VersionRange range = e.range();
      if (found != null && (range.any() || range.admits(found.version()))) {
        out.add(new Violation(blade, kind, e.name(), "forbid" + (range.any() ? "" : " " + range),
            found.version() == null ? "installed" : found.version()));
      }
    }
  }
}
