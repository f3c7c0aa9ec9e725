package dci.app.packages;

import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.protocol.auth.Names;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which blades an install goes to, from {@code on}: {@code all} (every Up blade),
 * {@code role:R} (every Up blade with role R) or {@code B1,B2} (those blades, each of which must
 * be Up). Refusals are {@link IllegalArgumentException}s naming the problem. A name listed more than
 * once (incarnations of a restarted blade) counts as Up if one of its entries is.
 */
public final class InstallTargets {
  private InstallTargets() {}

  public static List<String> resolve(String on, List<BladeInfo> directory) {
    if (on == null || on.isBlank()) {
      throw new IllegalArgumentException("on is required: all, role:ROLE or BLADE[,BLADE...]");
    }
    String spec = on.trim();
    Map<String, BladeInfo> byName = new TreeMap<>();
    // a blade restarted on another port is listed twice (old incarnation departed): the Up one counts
    directory.forEach(b -> byName.merge(b.name(), b, (old, now) -> up(now) ? now : old));
    List<String> out = new ArrayList<>();
    if (spec.equals("all")) {
      byName.values().stream().filter(InstallTargets::up).forEach(b -> out.add(b.name()));
    } else if (spec.startsWith("role:")) {
      String role = spec.substring(5).trim();
      if (role.isEmpty()) {
        throw new IllegalArgumentException("role: needs a role name, e.g. role:web");
      }
      byName.values().stream().filter(b -> up(b) && b.roles().contains(role)).forEach(b -> out.add(b.name()));
      if (out.isEmpty()) {
        throw new IllegalArgumentException("no Up blade has role '" + Names.printable(role) + "'");
      }
    } else {
      Set<String> names = new LinkedHashSet<>();
      for (String n : spec.split(",")) {
        if (!n.isBlank()) {
          names.add(Names.requireBladeName(n.trim()));
        }
      }
      List<String> problems = new ArrayList<>();
      for (String n : names) {
        BladeInfo b = byName.get(n);
        if (b == null) {
          problems.add(n + " is not in the directory");
        } else if (!up(b)) {
          problems.add(n + " is " + b.status());
        } else {
          out.add(n);
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("cannot install on " + String.join(", ", problems) + " (targets must be Up)");
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no blade to install on");
    }
    return out;
  }

  private static boolean up(BladeInfo b) {
    return b.status() == BladeStatus.Up;
  }
}
