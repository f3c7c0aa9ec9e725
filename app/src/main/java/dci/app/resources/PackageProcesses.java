package dci.app.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * How many processes each installed package runs on this blade (the seed's "processes of each
 * installed package"): a process belongs to package NAME when its program or its working folder
 * lies in the package's install folder {@code DATA/packages/NAME/} (its services run there, and
 * what they start inherits the folder). Every installed package is counted, zero included.
 * Blocking (reads {@code /proc}): on the blade's I/O executor.
 */
final class PackageProcesses {
  private final Path root;

  PackageProcesses(Path packagesRoot) {
    this.root = packagesRoot.toAbsolutePath().normalize();
  }

  /** Processes by package name, now; empty when nothing is installed. */
  Map<String, Double> count() {
    List<Path> packages;
    try (Stream<Path> dirs = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
      packages = dirs.filter(d -> !d.getFileName().toString().startsWith(".") && Files.isDirectory(d)).toList();
    } catch (IOException e) {
      return Map.of();
    }
    Map<String, Double> n = new TreeMap<>();
    packages.forEach(p -> n.put(p.getFileName().toString(), 0.0));
    if (packages.isEmpty()) {
      return n;
    }
    ProcessHandle.allProcesses().forEach(ph -> owner(ph).ifPresent(name -> n.merge(name, 1.0, Double::sum)));
    return n;
  }

  /** The package whose folder holds {@code ph}'s program or working folder. */
  private Optional<String> owner(ProcessHandle ph) {
    Optional<String> byProgram = ph.info().command().flatMap(this::packageOf);
    return byProgram.isPresent() ? byProgram : cwd(ph.pid()).flatMap(this::packageOf);
  }

  private Optional<String> packageOf(String path) {
    Path p = Path.of(path).toAbsolutePath().normalize();
    if (!p.startsWith(root) || p.getNameCount() <= root.getNameCount()) {
      return Optional.empty();
    }
    String name = p.getName(root.getNameCount()).toString();
    return name.startsWith(".") ? Optional.empty() : Optional.of(name);
  }

  private static Optional<String> cwd(long pid) {
    try {
      return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty(); // another user's process, gone meanwhile, or no /proc
    }
  }
}
