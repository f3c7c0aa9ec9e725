package dci.app.cli;

import dci.protocol.failover.SpareRequest;
import dci.protocol.failover.SpareMark;
import dci.protocol.failover.SpareView;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dci spare ...}: the pool of blades kept to replace failed ones. */
@Command(name = "spare", mixinStandardHelpOptions = true,
    description = {"The spare pool: blades with role 'spare' (dci node --role spare) or added here.",
        "A spare that replaced a failed blade is in service and leaves the pool."},
    subcommands = {SpareCommand.ListSpares.class, SpareCommand.Add.class, SpareCommand.Remove.class})
final class SpareCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'dci spare --help'");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Spares and whether they are free.")
  static final class ListSpares implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      List<SpareView> rows = Wire.list(VnasCommand.api(root).get("/api/spares"), SpareView.class);
      if (root.output() == DciCommand.Output.json) {
        Printer.json(spec.commandLine().getOut(), rows);
        return;
      }
      Printer.rows(spec.commandLine().getOut(), rows, List.<Printer.Cell<SpareView>>of(
          new Printer.Cell<>("BLADE", r -> Printer.text(r.blade())),
          new Printer.Cell<>("STATUS", r -> Printer.text(r.status())),
          new Printer.Cell<>("HOW", r -> Printer.text(r.mark())),
          new Printer.Cell<>("FREE", r -> r.free() ? "yes" : "no")));
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Put BLADE in the spare pool.")
  static final class Add implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "BLADE") String blade;

    @Override
    public void run() {
      SpareCommand.done(spec, VnasCommand.api(DciCommand.root(spec)).post("/api/spares", new SpareRequest(blade), SpareMark.class),
          blade + " is a spare");
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Take BLADE out of the spare pool.")
  static final class Remove implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "BLADE") String blade;

    @Override
    public void run() {
      SpareCommand.done(spec, Wire.read(VnasCommand.api(DciCommand.root(spec)).delete("/api/spares/" + VnasCommand.q(blade)),
          SpareMark.class),
          blade + " is no longer a spare");
    }
  }

  /** Prints {@code answer} (a record of the wire contract) as JSON, or else {@code text}. */
  static void done(CommandLine.Model.CommandSpec spec, Object answer, String text) {
    if (DciCommand.root(spec).output() == DciCommand.Output.json) {
      Printer.json(spec.commandLine().getOut(), answer);
    } else {
      spec.commandLine().getOut().println(text);
      spec.commandLine().getOut().flush();
    }
  }
}
