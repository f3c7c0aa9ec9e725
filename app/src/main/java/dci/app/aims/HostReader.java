package dci.app.aims;

import dci.protocol.aims.HostInventory;
import dci.protocol.aims.HostInventory.Item;
import dci.protocol.aims.HostInventory.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Reads a blade's {@link HostInventory} with the host's own tools: {@code dpkg-query} (or
 * {@code rpm}), {@code /proc/modules} and {@code /sys/module/M/version} (or {@code modinfo}),
 * {@code systemctl} where systemd runs (else {@code service --status-all}), {@code /proc/net}.
 * What cannot be read is a note, not a failure. Blocking.
 */
final class HostReader {
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_OUTPUT = 8 << 20;
  private final String blade;
  private final Path proc;
  private final Supplier<List<Item>> dciPackages;
  private final Clock clock;

  private final Path initDir;

  HostReader(String blade, Path proc, Supplier<List<Item>> dciPackages, Clock clock) {
    this(blade, proc, Path.of("/etc/init.d"), dciPackages, clock);
  }

  HostReader(String blade, Path proc, Path initDir, Supplier<List<Item>> dciPackages, Clock clock) {
    this.blade = blade;
    this.proc = proc;
    this.initDir = initDir;
    this.dciPackages = dciPackages;
    this.clock = clock;
  }

  /**
   * What to read: the whole inventory ({@link #ALL}), or only what a policy looks at (a check).
   *
   * @param services the services to look at, or null for all of them
   */
  record Need(boolean packages, boolean modules, Set<String> moduleVersions, Set<String> services, boolean ports,
      boolean dciPackages) {
    static final Need ALL = new Need(true, true, Set.of(), null, true, true);

    Need withModuleVersions(Set<String> names) {
      return new Need(packages, modules, names, services, ports, dciPackages);
    }
  }

  /** The inventory now, of what {@code need} asks (the rest is left empty). */
  HostInventory read(Need need) {
    List<String> notes = new ArrayList<>();
    String system = HostCommand.exists("dpkg-query") ? "dpkg" : HostCommand.exists("rpm") ? "rpm" : "none";
    List<Item> packages = need.packages() ? packages(system, notes) : List.of();
    List<Item> modules = need.modules() ? modules(need.moduleVersions(), notes) : List.of();
    List<Service> services = need.services() == null ? services(notes)
        : need.services().isEmpty() ? List.of() : named(need.services(), notes);
    var ports = need.ports() ? ListeningPorts.read(proc, users()) : List.<HostInventory.Port>of();
    return new HostInventory(blade, clock.instant(), system, packages, modules, services, ports,
        need.dciPackages() ? dciPackages.get() : List.of(), notes);
  }

  /** The state of the services named (systemd: from its list; else each init script's {@code status}). */
  private List<Service> named(Set<String> names, List<String> notes) {
    if (Files.isDirectory(Path.of("/run/systemd/system")) && HostCommand.exists("systemctl")) {
      return systemd(notes).stream().filter(s -> names.contains(s.name())).toList();
    }
    List<Service> out = new ArrayList<>();
    for (String name : new java.util.TreeSet<>(names)) {
      Path script = initDir.resolve(name);
      if (!Files.isExecutable(script)) {
        continue; // absent
      }
      var r = HostCommand.run(List.of(script.toString(), "status"), TOOL_TIMEOUT, 64 * 1024);
      // LSB: 0 running, 1-3 not running, 4 unknown
      out.add(new Service(name, r.exit() == 0 ? "running" : r.exit() >= 1 && r.exit() <= 3 ? "stopped" : "unknown",
          null));
    }
    return out;
  }

  private static List<Item> packages(String system, List<String> notes) {
    List<Item> out = new ArrayList<>();
    if (system.equals("dpkg")) {
      var r = HostCommand.run(List.of("dpkg-query", "-W", "-f", "${db:Status-Abbrev}\t${Package}\t${Version}\n"),
          TOOL_TIMEOUT, MAX_OUTPUT);
      if (!r.ok()) {
        notes.add("dpkg-query failed: " + r.err().strip());
        return out;
      }
      for (String line : r.out().split("\n")) {
        String[] f = line.split("\t");
        if (f.length == 3 && f[0].startsWith("ii")) {
          out.add(new Item(f[1], f[2]));
        }
      }
    } else if (system.equals("rpm")) {
      var r = HostCommand.run(List.of("rpm", "-qa", "--qf", "%{NAME}\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\n"),
          TOOL_TIMEOUT, MAX_OUTPUT);
      if (!r.ok()) {
        notes.add("rpm failed: " + r.err().strip());
        return out;
      }
      for (String line : r.out().split("\n")) {
        String[] f = line.split("\t");
        if (f.length == 2) {
          out.add(new Item(f[0], f[1].startsWith("0:") ? f[1].substring(2) : f[1]));
        }
      }
    } else {
      notes.add("no package manager (neither dpkg-query nor rpm): OS packages unknown");
    }
    out.sort(java.util.Comparator.comparing(Item::name));
    return out;
  }

  /** Module names as the kernel writes them ({@code usb_storage}, not {@code usb-storage}). */
  static String moduleName(String name) {
    return name.trim().replace('-', '_');
  }

  private List<Item> modules(Set<String> withVersions, List<String> notes) {
    Path table = proc.resolve("modules");
    if (!Files.isReadable(table)) {
      notes.add("no " + table + " (a container, or a kernel without modules): modules unknown");
      return List.of();
    }
    List<Item> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(table)) {
        String name = line.split(" ", 2)[0];
        out.add(new Item(name, withVersions.contains(name) ? moduleVersion(name) : null));
      }
    } catch (IOException e) {
      notes.add("cannot read " + table + ": " + e.getMessage());
    }
    out.sort(java.util.Comparator.comparing(Item::name));
    return out;
  }

  private static String moduleVersion(String name) {
    Path v = Path.of("/sys/module", name, "version");
    try {
      if (Files.isReadable(v)) {
        return Files.readString(v).trim();
      }
    } catch (IOException ignored) {
      // fall back to modinfo
    }
    var r = HostCommand.run(List.of("modinfo", "-F", "version", name), TOOL_TIMEOUT, 4096);
    return r.ok() && !r.out().isBlank() ? r.out().strip() : null;
  }

  private static List<Service> services(List<String> notes) {
    if (Files.isDirectory(Path.of("/run/systemd/system")) && HostCommand.exists("systemctl")) {
      return systemd(notes);
    }
    if (HostCommand.exists("service")) {
      var r = HostCommand.run(List.of("service", "--status-all"), TOOL_TIMEOUT, 1 << 20);
      List<Service> out = new ArrayList<>();
      for (String line : (r.out() + "\n" + r.err()).split("\n")) {
        var m = java.util.regex.Pattern.compile("\\s*\\[\\s*([+?-])\\s*]\\s+(\\S+)").matcher(line);
        if (m.lookingAt()) {
          String state = switch (m.group(1)) {
            case "+" -> "running";
            case "-" -> "stopped";
            default -> "unknown";
          };
          out.add(new Service(m.group(2), state, null));
        }
      }
      notes.add("no systemd: services are the init scripts' (service --status-all)");
      return out;
    }
    notes.add("neither systemctl nor service: services unknown");
    return List.of();
  }

  private static List<Service> systemd(List<String> notes) {
    var units = HostCommand.run(List.of("systemctl", "list-units", "--type=service", "--all", "--no-legend",
        "--plain", "--no-pager"), TOOL_TIMEOUT, 4 << 20);
    var files = HostCommand.run(List.of("systemctl", "list-unit-files", "--type=service", "--no-legend",
        "--no-pager"), TOOL_TIMEOUT, 4 << 20);
    if (!units.ok()) {
      notes.add("systemctl list-units failed: " + units.err().strip());
      return List.of();
    }
    Map<String, Boolean> enabled = new HashMap<>();
    for (String line : files.out().split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 2) {
        enabled.put(unit(f[0]), f[1].startsWith("enabled"));
      }
    }
    Map<String, Service> out = new TreeMap<>();
    for (String line : units.out().split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4) {
        String name = unit(f[0]);
        String state = f[3].equals("running") ? "running" : f[2].equals("active") ? f[3] : "stopped";
        out.put(name, new Service(name, state, enabled.get(name)));
      }
    }
    enabled.forEach((name, on) -> out.putIfAbsent(name, new Service(name, "stopped", on)));
    return List.copyOf(out.values());
  }

  private static String unit(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".service") ? name.substring(0, name.length() - 8) : name;
  }

  /** uid -> user name, from {@code /etc/passwd}. */
  static Map<Integer, String> users() {
    Map<Integer, String> out = new HashMap<>();
    try {
      for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
        String[] f = line.split(":");
        if (f.length >= 3 && f[2].matches("\\d+")) {
          out.putIfAbsent(Integer.parseInt(f[2]), f[0]);
        }
      }
    } catch (IOException ignored) {
      // uids stay numbers
    }
    return out;
  }
}
