package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.aims.MaintenanceJob;
import dci.protocol.aims.MaintenanceRequest;
import dci.protocol.aims.MaintenanceResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci aims maintenance add|list|remove|run|results}: scheduled jobs on blades. */
@Command(name = "maintenance", mixinStandardHelpOptions = true,
    description = "Scheduled maintenance on blades: fstrim, memtest, apt-clean or a command; results kept.",
    subcommands = {AimsMaintenanceCommand.Add.class, AimsMaintenanceCommand.ListJobs.class,
        AimsMaintenanceCommand.Remove.class, AimsMaintenanceCommand.Run.class, AimsMaintenanceCommand.Results.class})
final class AimsMaintenanceCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: add, list, remove, run or results");
  }

  static void print(PrintWriter out, List<MaintenanceResult> rows) {
    Printer.rows(out, rows, List.of(new Printer.Cell<>("JOB", MaintenanceResult::job),
        new Printer.Cell<>("BLADE", MaintenanceResult::blade),
        new Printer.Cell<>("STARTED", r -> String.valueOf(r.startedAt())),
        new Printer.Cell<>("TOOK", r -> CliDuration.text(Duration.ofMillis(r.durationMs()))),
        new Printer.Cell<>("RESULT", r -> r.ok() ? "ok" : "FAILED"),
        new Printer.Cell<>("OUTPUT", r -> {
          String last = r.output() == null ? "" : r.output().lines().reduce((a, b) -> b).orElse("");
          return last.length() > 80 ? last.substring(0, 80) + "…" : last;
        })));
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add (or replace) job NAME.")
  static final class Add implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--task", required = true, paramLabel = "TASK", description = "fstrim, memtest, apt-clean or command")
    String task;
    @Option(names = "--schedule", required = true, paramLabel = "WHEN",
        description = "As the backup's: \"daily 03:00\", \"6am weekly sun\", \"hourly :15\", \"every 30m\".")
    String schedule;
    @Option(names = "--on", defaultValue = "all", paramLabel = "BLADES", description = AimsCommand.ON_HELP) String on;
    @Option(names = "--command", paramLabel = "CMD", description = "For --task command: what sh -c runs.") String command;
    @Option(names = "--memtest-mb", paramLabel = "MIB", description = "For --task memtest: MiB to test (default 16).")
    Integer memtestMb;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      MaintenanceJob j = Wire.read(VnasCommand.api(root).post("/api/aims/maintenance",
          new MaintenanceRequest(name, task, on, schedule, command, memtestMb)), MaintenanceJob.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, j);
      } else {
        out.printf("job %s: %s on %s, %s%n", j.name(), j.task(), j.on(), j.schedule());
      }
    }
  }

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "The jobs.")
  static final class ListJobs implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      List<MaintenanceJob> jobs = Wire.list(VnasCommand.api(root).get("/api/aims/maintenance"), MaintenanceJob.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, jobs);
        return;
      }
      Printer.rows(out, jobs, List.of(new Printer.Cell<>("NAME", MaintenanceJob::name),
          new Printer.Cell<>("TASK", j -> j.task() + (j.command() == null ? "" : ": " + j.command())),
          new Printer.Cell<>("ON", MaintenanceJob::on), new Printer.Cell<>("SCHEDULE", MaintenanceJob::schedule),
          new Printer.Cell<>("SET BY", MaintenanceJob::setBy)));
    }
  }

  @Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true, description = "Remove job NAME.")
  static final class Remove implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME") String name;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      JsonNode r = VnasCommand.api(root).delete("/api/aims/maintenance/" + VnasCommand.q(name));
      if (root.output() == DciCommand.Output.json) {
        Printer.json(spec.commandLine().getOut(), r);
      } else {
        spec.commandLine().getOut().printf("job %s removed%n", name);
      }
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run job NAME now on its blades and wait for them. Exit status 1 if any failed.")
  static final class Run implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME") String name;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      List<MaintenanceResult> rows = Wire.list(VnasCommand.api(root).post("/api/aims/maintenance/"
          + VnasCommand.q(name) + "/run", null, Duration.ofHours(1)), MaintenanceResult.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, rows);
      } else {
        print(out, rows);
      }
      out.flush();
      long failed = rows.stream().filter(r -> !r.ok()).count();
      if (failed > 0) {
        throw new CliError(CliError.FAILED, name + " failed on " + failed + " blade(s)");
      }
    }
  }

  @Command(name = "results", mixinStandardHelpOptions = true, description = "Each job's last run on each blade.")
  static final class Results implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--job", paramLabel = "NAME", description = "Only this job.") String job;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      List<MaintenanceResult> rows = Wire.list(VnasCommand.api(root).get("/api/aims/maintenance/results"
          + (job == null ? "" : "?job=" + VnasCommand.q(job))), MaintenanceResult.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, rows);
      } else {
        print(out, rows);
      }
    }
  }
}
