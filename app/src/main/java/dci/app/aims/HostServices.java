package dci.app.aims;

import dci.app.install.InstalledPackage;
import dci.app.packages.Packages;
import dci.protocol.aims.ServiceResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Starts, stops, enables and disables a blade's services, by whoever manages them: an installed
 * DCI package's services (DCI's supervisor), else systemd where it runs ({@code systemctl}), else
 * the init scripts ({@code /etc/init.d/NAME ACTION} as {@code service} runs them, {@code update-rc.d}). Blocking.
 */
final class HostServices {
  static final List<String> ACTIONS = List.of("start", "stop", "restart", "enable", "disable", "status");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9@._:-]{0,127}");
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private final String blade;
  private final Packages packages;
  private final Path initDir;

  HostServices(String blade, Packages packages, Path initDir) {
    this.blade = blade;
    this.packages = packages;
    this.initDir = initDir;
  }

  /** Checks a request where it enters; an {@link IllegalArgumentException} says what is wrong. */
  static void check(String action, String name) {
    if (!ACTIONS.contains(String.valueOf(action))) {
      throw new IllegalArgumentException("action is one of " + String.join(", ", ACTIONS));
    }
    if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException("not a service name: '" + dci.protocol.auth.Names.printable(String.valueOf(name))
          + "'");
    }
  }

  ServiceResult act(String action, String name) {
    check(action, name);
    Optional<InstalledPackage> pkg = packages == null ? Optional.empty()
        : packages.installed().stream().filter(p -> p.name().equals(name) && !p.manifest().services(false).isEmpty())
            .findFirst();
    if (pkg.isPresent()) {
      return dci(action, pkg.get());
    }
    if (Files.isDirectory(Path.of("/run/systemd/system")) && HostCommand.exists("systemctl")) {
      var r = HostCommand.run(List.of("systemctl", action.equals("status") ? "is-active" : action, name), TIMEOUT,
          16 * 1024);
      var state = HostCommand.run(List.of("systemctl", "is-active", name), TIMEOUT, 1024);
      boolean ok = action.equals("status") || r.ok();
      return new ServiceResult(blade, name, action, "systemd", ok, state.out().strip(), (r.out() + r.err()).strip());
    }
    Path script = initDir.resolve(name);
    if (!Files.isExecutable(script)) {
      return new ServiceResult(blade, name, action, "none", false, "absent",
          "no DCI package, systemd unit or init script is called " + name + " here");
    }
    HostCommand.Result r = switch (action) {
      case "enable", "disable" -> HostCommand.run(List.of("update-rc.d", name, action), TIMEOUT, 16 * 1024);
      case "status" -> HostCommand.run(List.of(script.toString(), "status"), TIMEOUT, 16 * 1024);
      // as service(8) does: the script itself, in a clean environment
      default -> HostCommand.run(List.of(script.toString(), action), TIMEOUT, 16 * 1024);
    };
    var state = HostCommand.run(List.of(script.toString(), "status"), TIMEOUT, 16 * 1024);
    String now = state.exit() == 0 ? "running" : state.exit() >= 1 && state.exit() <= 3 ? "stopped" : "unknown";
    boolean ok = action.equals("status") ? state.exit() >= 0 && state.exit() <= 4 : r.ok();
    return new ServiceResult(blade, name, action, "init", ok, now, (r.out() + r.err()).strip());
  }

  private ServiceResult dci(String action, InstalledPackage p) {
    var services = packages.services();
    switch (action) {
      case "start", "restart" -> services.start(p);
      case "stop" -> services.stop(p.name());
      case "status" -> { }
      default -> {
        return new ServiceResult(blade, p.name(), action, "dci", false, state(p.name()),
            "a DCI package's services start with the blade: stop them, or uninstall the package");
      }
    }
    return new ServiceResult(blade, p.name(), action, "dci", true, state(p.name()),
        String.join("; ", services.status().getOrDefault(p.name(), List.of())));
  }

  private String state(String pkg) {
    return packages.services().status().containsKey(pkg) ? "running" : "stopped";
  }
}
