package dci.app.cli;

import dci.protocol.failover.TriggerRequest;
import dci.protocol.failover.FailoverStatus;
import dci.protocol.failover.FailoverView;
import dci.protocol.failover.TriggerAnswer;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dci failover ...}: what the fail-over coordinator sees and did, and a manual trigger. */
@Command(name = "failover", mixinStandardHelpOptions = true,
    description = "Fail-over of blades to spares: status, history, and a manual trigger.",
    subcommands = {FailoverCommand.Status.class, FailoverCommand.History.class, FailoverCommand.Trigger.class})
final class FailoverCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'dci failover --help'");
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "The coordinator, suspected blades, free spares and fail-overs under way.")
  static final class Status implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      FailoverStatus s = VnasCommand.api(root).get("/api/failover/status", FailoverStatus.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, s);
        return;
      }
      List<FailoverView> active = s.active() == null ? List.of() : s.active();
      out.printf("coordinator: %s%nsuspected:   %s%nfree spares: %s%nunder way:   %d%n", Printer.text(s.coordinator()),
          Printer.text(s.suspects()), Printer.text(s.freeSpares()), active.size());
      active.forEach(r -> printRecord(out, r));
      out.flush();
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true, description = "Every fail-over, newest first, with its steps.")
  static final class History implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      List<FailoverView> rows = Wire.list(VnasCommand.api(root).get("/api/failover/history"), FailoverView.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, rows);
        return;
      }
      if (rows.isEmpty()) {
        out.println("no fail-over yet");
      }
      rows.forEach(r -> printRecord(out, r));
      out.flush();
    }
  }

  @Command(name = "trigger", mixinStandardHelpOptions = true,
      description = {"Fail BLADE over to a spare now. A blade still running is copied first (Fig. 6)."})
  static final class Trigger implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--blade", required = true, paramLabel = "BLADE") String blade;
    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the record).") String reason;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      TriggerAnswer a = VnasCommand.api(root).post("/api/failover/trigger", new TriggerRequest(blade, reason),
          TriggerAnswer.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, a);
        return;
      }
      out.println(Printer.text(a.message()));
      out.println("follow it with: dci failover status / dci failover history");
      out.flush();
    }
  }

  static void printRecord(PrintWriter out, FailoverView r) {
    out.printf("%s  %s -> %s  %s  %s%n  cause: %s%n", Printer.text(r.id()), Printer.text(r.failed()),
        Printer.text(r.replacement()), Printer.text(r.method()), Printer.text(r.state()), Printer.text(r.cause()));
    for (FailoverView.Step s : r.steps() == null ? List.<FailoverView.Step>of() : r.steps()) {
      out.printf("  %s  %-8s %s%n", Printer.text(s.at()), Printer.text(s.blade()), Printer.text(s.what()));
    }
  }
}
