package dci.app.aims;

import dci.protocol.aims.AuditReport.Upgrade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * OS patches with the host's package manager: {@code apt-get -s} for the simulation (the dry
 * run), then {@code apt-get -y upgrade} (or {@code install --only-upgrade PKGS}) without prompts,
 * keeping the blade's configuration files. Blocking.
 */
final class HostPatch {
  private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9.+-]{0,127}");
  private final Duration timeout;

  HostPatch(Duration timeout) {
    this.timeout = timeout;
  }

  /** What a patch of one blade came to. */
  record Outcome(boolean ok, List<Upgrade> upgrades, String output) {}

  static List<String> checkPackages(List<String> names) {
    for (String n : names) {
      if (n == null || !PACKAGE.matcher(n).matches()) {
        throw new IllegalArgumentException("not a package name: '" + dci.protocol.auth.Names.printable(String.valueOf(n))
            + "'");
      }
    }
    return List.copyOf(names);
  }

  Outcome run(boolean dryRun, List<String> packages) {
    checkPackages(packages);
    if (!HostCommand.exists("apt-get")) {
      return new Outcome(false, List.of(), "no apt-get on this blade");
    }
    Outcome simulated = apt(true, packages);
    if (dryRun || !simulated.ok()) {
      return simulated;
    }
    Outcome real = apt(false, packages);
    return new Outcome(real.ok(), simulated.upgrades(), real.output());
  }

  private Outcome apt(boolean simulate, List<String> packages) {
    List<String> cmd = new ArrayList<>(List.of("apt-get", simulate ? "-s" : "-y", "-q",
        "-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold"));
    if (simulate) {
      cmd.addAll(List.of("-o", "Debug::NoLocking=1"));
    }
    if (packages.isEmpty()) {
      cmd.add("upgrade");
    } else {
      cmd.addAll(List.of("install", "--only-upgrade"));
      cmd.addAll(packages);
    }
    var r = HostCommand.run(cmd, timeout, 4 << 20, null, Map.of("DEBIAN_FRONTEND", "noninteractive"));
    String text = (r.out() + (r.err().isBlank() ? "" : "\n" + r.err())).strip();
    String tail = text.length() > 4000 ? "…" + text.substring(text.length() - 4000) : text;
    return new Outcome(r.ok(), HostAudit.parseUpgrades(r.out()), r.timedOut() ? tail + "\n[killed after "
        + timeout.toSeconds() + " s]" : tail);
  }
}
