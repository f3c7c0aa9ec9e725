package dci.app.cli;

import dci.protocol.failover.AssignRequest;
import dci.protocol.failover.PortView;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dci port ...}: the peripheral switch's table of desks (user → blade). */
@Command(name = "port", mixinStandardHelpOptions = true,
    description = "Show and change which blade each user's desk (peripheral port) is connected to.",
    subcommands = {PortCommand.ListPorts.class, PortCommand.Assign.class})
final class PortCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'dci port --help'");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every desk port and the blade it is routed to.")
  static final class ListPorts implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      List<PortView> rows = Wire.list(VnasCommand.api(root).get("/api/ports"), PortView.class);
      if (root.output() == DciCommand.Output.json) {
        Printer.json(spec.commandLine().getOut(), rows);
        return;
      }
      Printer.rows(spec.commandLine().getOut(), rows, List.<Printer.Cell<PortView>>of(
          new Printer.Cell<>("USER", r -> Printer.text(r.user())),
          new Printer.Cell<>("PORT", r -> Printer.text(r.port())),
          new Printer.Cell<>("BLADE", r -> Printer.text(r.blade())),
          new Printer.Cell<>("SINCE", r -> Printer.text(r.since())),
          new Printer.Cell<>("REASON", r -> Printer.text(r.reason()))));
    }
  }

  @Command(name = "assign", mixinStandardHelpOptions = true,
      description = "Route USER's desk to BLADE (a move: the user's data is not copied).")
  static final class Assign implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "USER") String user;
    @Parameters(index = "1", paramLabel = "BLADE") String blade;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      PortView r = VnasCommand.api(root).put("/api/ports/" + VnasCommand.q(user), new AssignRequest(blade),
          PortView.class);
      if (root.output() == DciCommand.Output.json) {
        Printer.json(spec.commandLine().getOut(), r);
      } else {
        spec.commandLine().getOut().printf("%s's desk (%s) -> %s%n", user, Printer.text(r.port()), Printer.text(r.blade()));
        spec.commandLine().getOut().flush();
      }
    }
  }
}
