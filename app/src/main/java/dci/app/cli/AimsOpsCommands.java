package dci.app.cli;

import dci.protocol.aims.AuditRow;
import dci.protocol.aims.PatchJob;
import dci.protocol.aims.PatchRequest;
import dci.protocol.aims.PatchResult;
import dci.protocol.aims.ServiceRequest;
import dci.protocol.aims.ServiceResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci aims service}, {@code dci aims audit}, {@code dci aims patch}. */
final class AimsOpsCommands {
  private AimsOpsCommands() {}

  @Command(name = "service", mixinStandardHelpOptions = true,
      description = {"Start, stop, restart, enable, disable or show a service on blades: a DCI package's",
          "services, else a systemd unit, else an init script. Exit status 1 if any blade failed."})
  static final class Service implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ACTION", description = "start, stop, restart, enable, disable or status")
    String action;
    @Parameters(index = "1", paramLabel = "NAME") String name;
    @Option(names = "--on", defaultValue = "all", paramLabel = "BLADES", description = AimsCommand.ON_HELP) String on;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      List<ServiceResult> rows = Wire.list(VnasCommand.api(root).post("/api/aims/services",
          new ServiceRequest(action, name, on)), ServiceResult.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, rows);
      } else {
        Printer.rows(out, rows, List.of(new Printer.Cell<>("BLADE", ServiceResult::blade),
            new Printer.Cell<>("RESULT", r -> r.ok() ? "ok" : "FAILED"),
            new Printer.Cell<>("STATE", r -> Printer.text(r.state())),
            new Printer.Cell<>("BY", r -> Printer.text(r.manager())),
            new Printer.Cell<>("SAID", r -> r.output() == null ? "" : r.output().replaceAll("\\s+", " ")
                .substring(0, Math.min(100, r.output().replaceAll("\\s+", " ").length())))));
      }
      out.flush();
      long failed = rows.stream().filter(r -> !r.ok()).count();
      if (failed > 0) {
        throw new CliError(CliError.FAILED, action + " " + name + " failed on " + failed + " blade(s)");
      }
    }
  }

  @Command(name = "scan", mixinStandardHelpOptions = true,
      description = {"Scan with ClamAV now: the desk homes of the blades --on names (infected files are",
          "quarantined on their blade and alerted), and/or a VNAS folder again (queued for the scanner)."})
  static final class Scan implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--on", paramLabel = "BLADES", description = "Scan these blades' desk homes: " + AimsCommand.ON_HELP)
    String on;
    @Option(names = "--vnas", paramLabel = "FOLDER", description = "Scan every file under this VNAS folder again.")
    String vnas;

    @Override
    public void run() {
      if (on == null && vnas == null) {
        throw new CliError(CliError.USAGE, "say what to scan: --on BLADES (their homes) and/or --vnas FOLDER");
      }
      DciCommand root = DciCommand.root(spec);
      List<dci.protocol.aims.ScanReport> rows = Wire.list(VnasCommand.api(root).post("/api/aims/scan",
          new dci.protocol.aims.ScanRequest(on, vnas), Duration.ofMinutes(30)), dci.protocol.aims.ScanReport.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, rows);
        return;
      }
      for (var r : rows) {
        if (r.error() != null) {
          out.printf("%s %s: not scanned: %s%n", r.blade(), r.what(), r.error());
        } else if (r.what().equals("homes")) {
          out.printf("%s homes: %s%n", r.blade(), r.infected().isEmpty() ? "clean" : r.infected().size() + " infected");
          r.infected().forEach(q -> out.printf("  %s: %s, quarantined as %s%n", q.path(), q.signature(), q.id()));
        } else {
          out.printf("%s %s: %d file(s) queued (infections become alerts: dci aims alerts)%n", r.blade(), r.what(),
              r.queued());
        }
      }
    }
  }

  @Command(name = "playback", mixinStandardHelpOptions = true,
      description = {"Play a recorded or synthetic task (an XML log from 'dci log --format xml') on each blade",
          "--on names, envelope by envelope, and report each blade. Exit status 1 if any envelope failed."})
  static final class Playback implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "FILE") Path file;
    @Option(names = "--on", defaultValue = "all", paramLabel = "BLADES", description = AimsCommand.ON_HELP) String on;
    @Option(names = "--wait", defaultValue = "10s", paramLabel = "DURATION", description = "How long each envelope"
        + " waits for its answer (at most 10m), a " + CliDuration.HELP + ". Default: ${DEFAULT-VALUE}.") Duration wait;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      byte[] doc;
      try {
        doc = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new CliError(CliError.USAGE, "cannot read " + file + ": " + e.getMessage());
      }
      List<dci.protocol.aims.PlaybackReport> rows = Wire.list(VnasCommand.api(root).postBytes("/api/aims/playback?on="
          + VnasCommand.q(on) + "&wait=" + wait.toMillis() + "ms", doc, "application/xml"),
          dci.protocol.aims.PlaybackReport.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, rows);
      } else {
        for (var r : rows) {
          out.printf("%s: %d sent, %d answered, %d undeliverable, %d unanswered in %s%n", r.blade(), r.sent(),
              r.answered(), r.undeliverable(), r.unanswered(), CliDuration.text(Duration.ofMillis(r.durationMs())));
          r.problems().forEach(p -> out.printf("  %s%n", p));
        }
      }
      out.flush();
      if (rows.stream().anyMatch(r -> !r.ok())) {
        throw new CliError(CliError.FAILED, "the task failed on " + rows.stream().filter(r -> !r.ok()).count()
            + " blade(s)");
      }
    }
  }

  @Command(name = "audit", mixinStandardHelpOptions = true,
      description = {"A security audit of each blade: accounts that can log in, sudo rights, world-writable files",
          "under the blade's data and the homes, listening sockets and their owners, failed DCI logins,",
          "out-of-date packages."})
  static final class Audit implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--on", defaultValue = "all", paramLabel = "BLADES", description = AimsCommand.ON_HELP) String on;
    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report to FILE.")
    Path html;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      List<AuditRow> rows = Wire.list(VnasCommand.api(root).get("/api/aims/audit?on=" + VnasCommand.q(on)),
          AuditRow.class);
      if (html != null) {
        try {
          Files.writeString(html, AuditHtml.render(rows), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new CliError(CliError.FAILED, "cannot write " + html + ": " + e.getMessage());
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, rows);
        return;
      }
      for (AuditRow r : rows) {
        if (r.report() == null) {
          out.printf("%s: not audited: %s%n", r.blade(), r.error());
          continue;
        }
        var a = r.report();
        out.printf("%s: %d login accounts, %d sudo rules, %d%s world-writable, %d listening, %d failed logins,"
                + " %d packages out of date%n", r.blade(), a.loginAccounts().size(), a.sudo().size(),
            a.worldWritable().size(), a.worldWritableCapped() ? "+" : "", a.listening().size(), a.failedLogins().size(),
            a.outOfDate().size());
        a.worldWritable().stream().limit(5).forEach(w -> out.printf("  world-writable: %s%n", w));
        a.failedLogins().stream().limit(5).forEach(f -> out.printf("  failed logins: %s from %s x%d (last %s)%n",
            f.user(), f.address(), f.count(), f.last()));
        a.notes().forEach(n -> out.printf("  note: %s%n", n));
      }
      if (html != null) {
        out.printf("report written to %s%n", html);
      }
    }
  }

  @Command(name = "patch", mixinStandardHelpOptions = true,
      description = {"Upgrade OS packages (apt-get), or a DCI package (--dci), blade by blade: each blade's",
          "step is an envelope in the message log; after it the blade must be Up and healthy before the",
          "next; the first failure stops the rollout. --dry-run simulates on every blade at once."})
  static final class Patch implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--on", defaultValue = "all", paramLabel = "BLADES", description = AimsCommand.ON_HELP) String on;
    @Option(names = "--dry-run", description = "Only say what would be upgraded (apt-get -s).") boolean dryRun;
    @Option(names = "--package", paramLabel = "NAME", description = "Upgrade only this package (repeatable).")
    List<String> packages = new ArrayList<>();
    @Option(names = "--dci", paramLabel = "PACKAGE",
        description = "Instead of OS packages, bring this DCI package to its newest published version.")
    String dciPackage;
    @Option(names = "--timeout", defaultValue = "2h", paramLabel = "DURATION", description = "How long to watch the"
        + " rollout (it goes on after), a " + CliDuration.HELP + ". Default: ${DEFAULT-VALUE}.") Duration timeout;
    @CommandLine.Mixin Progress.Flag progress = new Progress.Flag();

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      ApiClient api = VnasCommand.api(root);
      PatchJob job = Wire.read(api.post("/api/aims/patch", new PatchRequest(on, dryRun, packages, dciPackage), Duration.ofMinutes(2)),
          PatchJob.class);
      long deadline = System.currentTimeMillis() + timeout.toMillis();
      try (Progress bar = Progress.of(spec, progress)) {
        while (!job.done()) {
          long finished = job.blades().stream().filter(b -> !List.of("pending", "running").contains(b.state())).count();
          String now = job.blades().stream().filter(b -> b.state().equals("running")).map(PatchResult::blade)
              .findFirst().orElse("");
          bar.show("patch", finished, job.blades().size(), () -> now.isEmpty() ? "" : "on " + now);
          if (System.currentTimeMillis() > deadline) {
            throw new CliError(CliError.FAILED, "patch " + job.id() + " still running (see dci --output json: GET"
                + " /api/aims/patch/jobs/" + job.id() + ")");
          }
          sleep();
          job = api.get("/api/aims/patch/jobs/" + VnasCommand.q(job.id()), PatchJob.class);
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, job);
      } else {
        for (PatchResult r : job.blades()) {
          out.printf("%s: %s, %d package(s)%s%s%n", r.blade(), r.state(), r.upgrades().size(),
              r.upgrades().isEmpty() ? "" : ": " + String.join(", ", r.upgrades().stream().limit(8)
                  .map(u -> u.name() + " " + u.installed() + " -> " + u.available()).toList())
                  + (r.upgrades().size() > 8 ? ", ..." : ""),
              r.health() == null ? "" : " (" + r.health() + ")");
          if (!r.state().equals("done") && r.output() != null) {
            out.printf("  %s%n", r.output().lines().reduce((a, b) -> b).orElse(""));
          }
        }
      }
      out.flush();
      if (!job.ok()) {
        throw new CliError(CliError.FAILED, "the patch " + (dryRun ? "simulation" : "rollout") + " failed");
      }
    }

    private static void sleep() {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliError(CliError.FAILED, "interrupted (the rollout goes on)");
      }
    }
  }
}
