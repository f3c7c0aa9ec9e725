package dci.app.cli;

import dci.protocol.failover.BodyView;
import dci.protocol.failover.FaultRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci fault ...}: inject conditions into a blade's body, for drills and tests. */
@Command(name = "fault", mixinStandardHelpOptions = true,
    description = "Inject faults into a blade's body (its disk probe, temperature, power) and clear them.",
    subcommands = {FaultCommand.Inject.class, FaultCommand.Clear.class})
final class FaultCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'dci fault --help'");
  }

  @Command(name = "inject", mixinStandardHelpOptions = true,
      description = {"Inject KIND[=VALUE] into BLADE: disk-errors=RATE (0..1), temperature=C, slow-disk=MS, cpu-load=FRACTION (0..1),",
          "power-off (the blade dies at once), cage-power-off (every blade of its cage dies)."})
  static final class Inject implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--blade", required = true, paramLabel = "BLADE") String blade;
    @Parameters(index = "0", paramLabel = "KIND[=VALUE]") String fault;

    @Override
    public void run() {
      SpareCommand.done(spec, VnasCommand.api(DciCommand.root(spec)).post("/api/faults",
          new FaultRequest(blade, fault), BodyView.class), "injected " + fault + " into " + blade);
    }
  }

  @Command(name = "clear", mixinStandardHelpOptions = true, description = "Remove every fault from BLADE.")
  static final class Clear implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--blade", required = true, paramLabel = "BLADE") String blade;

    @Override
    public void run() {
      SpareCommand.done(spec, Wire.read(VnasCommand.api(DciCommand.root(spec)).delete("/api/faults?blade="
          + VnasCommand.q(blade)), BodyView.class), "cleared the faults of " + blade);
    }
  }
}
