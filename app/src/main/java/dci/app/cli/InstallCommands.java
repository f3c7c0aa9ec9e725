package dci.app.cli;

import dci.protocol.pkg.api.Inventory;
import dci.protocol.pkg.api.TargetedRequest;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci install}, {@code dci uninstall}, {@code dci follow} and {@code dci packages} (issue 7). */
final class InstallCommands {
  private InstallCommands() {}

  /** Options every job command shares. */
  static class JobOptions {
    @Option(names = "--on", required = true, paramLabel = "TARGETS",
        description = "all, role:ROLE, or blade names separated by commas.") String on;
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "31m", description = "Give up waiting after this"
        + " long (the job goes on), a " + CliDuration.HELP + ". Default: ${DEFAULT-VALUE}.") Duration timeout;
    @CommandLine.Mixin Progress.Flag progress = new Progress.Flag();
  }

  @Command(name = "install", mixinStandardHelpOptions = true,
      description = {"Install a published package on blades: each fetches it from the VNAS, verifies it and runs its",
          "steps; a per-blade result table. Exit status 1 if any blade failed."})
  static final class Install implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME[@VERSION]", description = "Without a version: the newest.") String what;
    @CommandLine.Mixin JobOptions job = new JobOptions();

    @Override
    public Integer call() {
      int at = what.indexOf('@');
      TargetedRequest body = new TargetedRequest(at < 0 ? what : what.substring(0, at),
          at < 0 ? null : what.substring(at + 1), job.on, null);
      return InstallJobWatch.run(DciCommand.root(spec), spec, "/api/install", body, job.timeout, job.progress);
    }
  }

  @Command(name = "uninstall", mixinStandardHelpOptions = true,
      description = "Uninstall a package from blades (its uninstall steps, then its directory); they stop following it.")
  static final class Uninstall implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @CommandLine.Mixin JobOptions job = new JobOptions();

    @Override
    public Integer call() {
      return InstallJobWatch.run(DciCommand.root(spec), spec, "/api/uninstall",
          new TargetedRequest(name, null, job.on, null),
          job.timeout, job.progress);
    }
  }

  @Command(name = "follow", mixinStandardHelpOptions = true,
      description = {"Keep blades at the newest published version of a package: they install it now and upgrade",
          "themselves whenever a newer signed version is published. --stop ends that."})
  static final class Follow implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @CommandLine.Mixin JobOptions job = new JobOptions();
    @Option(names = "--stop", description = "Stop following (what is installed stays).") boolean stop;

    @Override
    public Integer call() {
      TargetedRequest body = new TargetedRequest(name, null, job.on, !stop);
      return InstallJobWatch.run(DciCommand.root(spec), spec, "/api/follow", body, job.timeout, job.progress);
    }
  }

  @Command(name = "packages", mixinStandardHelpOptions = true,
      description = "What a blade has installed (default: the blade answering) and which packages it follows.")
  static final class Packages implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--blade", paramLabel = "BLADE") String blade;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      Inventory inv = VnasCommand.api(root).get("/api/packages/installed"
          + (blade == null ? "" : "?blade=" + VnasCommand.q(blade)), Inventory.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, inv);
        return;
      }
      out.printf("blade %s%n", inv.blade());
      if (inv.packages() == null || inv.packages().isEmpty()) {
        out.println("nothing installed");
      } else {
        Printer.rows(out, inv.packages(), List.<Printer.Cell<Inventory.Row>>of(
            new Printer.Cell<>("NAME", r -> Printer.text(r.name())),
            new Printer.Cell<>("VERSION", r -> Printer.text(r.version())),
            new Printer.Cell<>("FOLLOWING", r -> r.following() ? "yes" : "no"),
            new Printer.Cell<>("PEERLET", r -> Printer.text(r.peerlet())),
            new Printer.Cell<>("SERVICES", r -> Printer.text(r.services())),
            new Printer.Cell<>("KEY", r -> Printer.text(r.keyId())),
            new Printer.Cell<>("INSTALLED", r -> Printer.text(r.installedAt()))));
      }
      out.printf("follows: %s%n", inv.follows() == null || inv.follows().isEmpty() ? "nothing"
          : Printer.text(inv.follows()));
      out.flush();
    }
  }
}
