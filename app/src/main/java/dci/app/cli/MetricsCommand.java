package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dci metrics}: every blade's latest body reading and health verdict. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = "Each blade's sensors (CPU, memory, disk, temperature), disk probe, faults and health.")
final class MetricsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Option(names = "--blade", paramLabel = "BLADE", description = "Only this blade.") String blade;

  @Override
  public void run() {
    DciCommand root = DciCommand.root(spec);
    JsonNode rows = VnasCommand.api(root).get("/api/metrics" + (blade == null ? "" : "?blade=" + VnasCommand.q(blade)));
    if (root.output() == DciCommand.Output.json) {
      Printer.json(spec.commandLine().getOut(), rows);
      return;
    }
    Printer.table(spec.commandLine().getOut(), rows, List.of(
        new Printer.Column("BLADE", r -> Printer.text(r, "blade")),
        new Printer.Column("CAGE", r -> Printer.text(r, "cage")),
        new Printer.Column("CPU", r -> r.path("cpuLoad").asDouble(-1) < 0 ? "-"
            : String.format(Locale.ROOT, "%.0f%%", r.path("cpuLoad").asDouble() * 100)),
        new Printer.Column("MEM USED", r -> Printer.bytes(r, "memoryUsed")),
        new Printer.Column("DISK FREE", r -> Printer.bytes(r, "diskFree")),
        new Printer.Column("TEMP", r -> r.hasNonNull("temperature") ? r.get("temperature").asText() + " C" : "-"),
        new Printer.Column("PROBE", r -> r.path("probeMillis").asLong() + " ms"),
        new Printer.Column("DISK ERR", r -> String.format(Locale.ROOT, "%.0f%%", r.path("diskErrorRate").asDouble() * 100)),
        new Printer.Column("FAULTS", r -> Printer.text(r, "faults")),
        new Printer.Column("HEALTH", r -> Printer.text(r, "condition")),
        new Printer.Column("WHY", r -> Printer.text(r, "reasons"))));
  }
}
