package dci.app.cli;

import dci.protocol.api.BladeMetrics;
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
    List<BladeMetrics> rows = Wire.list(VnasCommand.api(root).get("/api/metrics"
        + (blade == null ? "" : "?blade=" + VnasCommand.q(blade))), BladeMetrics.class);
    if (root.output() == DciCommand.Output.json) {
      Printer.json(spec.commandLine().getOut(), rows);
      return;
    }
    Printer.rows(spec.commandLine().getOut(), rows, List.<Printer.Cell<BladeMetrics>>of(
        new Printer.Cell<>("BLADE", r -> Printer.text(r.blade())),
        new Printer.Cell<>("CAGE", r -> Printer.text(r.cage())),
        new Printer.Cell<>("CPU", r -> r.cpuLoad() < 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", r.cpuLoad() * 100)),
        new Printer.Cell<>("MEM USED", r -> Printer.bytes(r.memoryUsed())),
        new Printer.Cell<>("DISK FREE", r -> Printer.bytes(r.diskFree())),
        new Printer.Cell<>("TEMP", r -> r.temperature() == null ? "-" : r.temperature() + " C"),
        new Printer.Cell<>("PROBE", r -> r.probeMillis() + " ms"),
        new Printer.Cell<>("DISK ERR", r -> String.format(Locale.ROOT, "%.0f%%", r.diskErrorRate() * 100)),
        new Printer.Cell<>("FAULTS", r -> Printer.text(r.faults())),
        new Printer.Cell<>("HEALTH", r -> Printer.text(r.condition())),
        new Printer.Cell<>("WHY", r -> Printer.text(r.reasons()))));
  }
}
