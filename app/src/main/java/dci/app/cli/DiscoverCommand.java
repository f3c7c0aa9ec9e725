package dci.app.cli;

import dci.protocol.discovery.DiscoverRequest;
import dci.protocol.discovery.Discovery;
import dci.protocol.discovery.Found;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dci discover}: probe addresses for this cluster's blades and for nodes waiting to be admitted. */
@Command(name = "discover", mixinStandardHelpOptions = true,
    description = {"Probe addresses (a CIDR range and/or a file of hosts) on the cluster port,",
        "from a blade: this cluster's blades, nodes waiting for admission (started with",
        "dci node --await-admission; admit one with dci admit HOST) and other open ports.",
        "At most dci.discovery.max-addresses (1024) addresses, at a bounded rate."})
final class DiscoverCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--range", paramLabel = "CIDR", description = "An IPv4 range, e.g. 10.0.0.0/24.")
  String range;

  @Option(names = "--hosts", paramLabel = "FILE", description = "Addresses or names, one a line (# starts a comment).")
  Path hostsFile;

  @Option(names = "--port", paramLabel = "PORT", description = "The cluster port to probe (default 25520).")
  Integer port;

  @Override
  public void run() {
    if (range == null && hostsFile == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --range CIDR or --hosts FILE");
    }
    DciCommand root = DciCommand.root(spec);
    Discovery d = Wire.read(VnasCommand.api(root).post("/api/discover",
        new DiscoverRequest(range, hostsFile == null ? null : hosts(hostsFile), port), Duration.ofMinutes(2)),
        Discovery.class);
    var out = spec.commandLine().getOut();
    if (root.output() == DciCommand.Output.json) {
      Printer.json(out, d);
      return;
    }
    Printer.rows(out, d.found(), List.<Printer.Cell<Found>>of(
        new Printer.Cell<>("ADDRESS", f -> f.address()),
        new Printer.Cell<>("PORT", f -> Integer.toString(f.port())),
        new Printer.Cell<>("KIND", f -> f.kind()),
        new Printer.Cell<>("NAME", f -> Printer.text(f.blade() != null ? f.blade() : f.name())),
        new Printer.Cell<>("FOUND", DiscoverCommand::found)));
    out.printf("%d probed, %d with port %d open%n", d.probed(), d.open(), d.port());
    out.flush();
  }

  private static String found(Found f) {
    return switch (f.kind()) {
      case "blade" -> "blade of this cluster, " + f.status();
      case "candidate" -> "awaiting admission, key " + f.fingerprint()
          + (Boolean.TRUE.equals(f.codeRequired()) ? ", code required" : "");
      default -> Printer.text(f.found());
    };
  }

  static List<String> hosts(Path file) {
    try {
      if (Files.size(file) > 1024 * 1024) {
        throw new CliError(CliError.USAGE, file + " is over 1 MiB: not a host list");
      }
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .map(l -> l.contains("#") ? l.substring(0, l.indexOf('#')) : l)
          .map(String::strip).filter(l -> !l.isEmpty()).toList();
    } catch (IOException e) {
      throw new CliError(CliError.USAGE, "cannot read " + file + ": " + e.getMessage());
    }
  }
}
