package dci.protocol.aims;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * What one blade's host runs, as AIMS reads it with the host's own tools: OS packages
 * ({@code dpkg-query} or {@code rpm}), kernel modules ({@code /proc/modules}), services
 * ({@code systemctl}, or the init scripts where there is no systemd), listening sockets
 * ({@code /proc/net}) and DCI's own packages.
 *
 * @param blade the blade
 * @param at when it was read
 * @param packageSystem {@code dpkg}, {@code rpm} or {@code none}
 * @param packages installed OS packages
 * @param modules loaded kernel modules (empty where the host shows none, e.g. in a container)
 * @param services services and their state
 * @param ports listening sockets
 * @param dciPackages DCI packages installed on the blade
 * @param notes what could not be read, and why
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostInventory(String blade, Instant at, String packageSystem, List<Item> packages, List<Item> modules,
    List<Service> services, List<Port> ports, List<Item> dciPackages, List<String> notes) {

  public HostInventory {
    packages = packages == null ? List.of() : List.copyOf(packages);
    modules = modules == null ? List.of() : List.copyOf(modules);
    services = services == null ? List.of() : List.copyOf(services);
    ports = ports == null ? List.of() : List.copyOf(ports);
    dciPackages = dciPackages == null ? List.of() : List.copyOf(dciPackages);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** A package or module and its version (null where the host does not tell). */
  public record Item(String name, String version) {}

  /**
   * A service: {@code running}, {@code stopped} or the manager's own word; {@code enabled} when it
   * starts at boot (null where unknown).
   */
  public record Service(String name, String state, Boolean enabled) {}

  /** A listening socket: tcp/tcp6/udp/udp6, its address and port, and the process and user owning it. */
  public record Port(String proto, String address, int port, String process, String user) {}
}
