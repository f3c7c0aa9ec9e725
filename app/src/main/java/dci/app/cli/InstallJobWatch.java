package dci.app.cli;

import dci.protocol.pkg.api.InstallJob;
import dci.protocol.pkg.api.InstallStarted;
import dci.protocol.pkg.api.InstallStep;
import dci.protocol.pkg.api.TargetedRequest;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;

/**
 * Follows an install, uninstall or follow job until every blade answered: a line on stderr as
 * each blade finishes (and, on a terminal, a running count), then the per-blade result table,
 * and for each failed blade its failing step with that step's output. Non-zero exit status if
 * any blade failed.
 */
final class InstallJobWatch {
  private InstallJobWatch() {}

  /** Starts the job with {@code body} at {@code path} and follows it; answers the exit status. */
  static int run(DciCommand root, CommandLine.Model.CommandSpec spec, String path, TargetedRequest body,
      Duration timeout, Progress.Flag flag) {
    ApiClient api = VnasCommand.api(root);
    InstallStarted started = api.post(path, body, InstallStarted.class);
    String id = started.job();
    InstallJob job;
    try (Progress progress = Progress.of(spec, flag)) {
      long deadline = System.currentTimeMillis() + timeout.toMillis();
      Set<String> told = new HashSet<>();
      job = poll(api, id);
      int polls = 0;
      while (true) {
        for (InstallJob.Blade r : job.blades()) {
          if (!"pending".equals(r.state()) && told.add(r.blade())) {
            progress.line(String.format("%-12s %-9s %s", r.blade(), r.state(), r.message() == null ? "" : r.message()));
          }
        }
        if (job.done()) {
          break;
        }
        if (System.currentTimeMillis() > deadline) {
          throw new CliError(CliError.FAILED, "job " + id + " still running after " + CliDuration.text(timeout)
              + " (it goes on; see GET /api/install/jobs/" + id + " on " + root.apiUrl() + ")");
        }
        int answered = told.size();
        int blades = job.blades().size();
        progress.show(started.op(), answered, blades,
            () -> started.name() + ": " + answered + " of " + blades + " blades answered");
        sleep(polls++ < 20 ? 100 : 500);
        job = poll(api, id);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (root.output() == DciCommand.Output.json) {
      Printer.json(out, job);
    } else {
      table(out, job);
    }
    return job.ok() ? 0 : CliError.FAILED;
  }

  private static InstallJob poll(ApiClient api, String id) {
    return api.get("/api/install/jobs/" + VnasCommand.q(id), InstallJob.class);
  }

  static void table(PrintWriter out, InstallJob job) {
    Printer.rows(out, job.blades(), List.<Printer.Cell<InstallJob.Blade>>of(
        new Printer.Cell<>("BLADE", r -> Printer.text(r.blade())),
        new Printer.Cell<>("STATE", r -> Printer.text(r.state())),
        new Printer.Cell<>("ACTION", r -> Printer.text(r.action())),
        new Printer.Cell<>("VERSION", r -> version(r)),
        new Printer.Cell<>("TIME", r -> String.format(Locale.ROOT, "%.1f s", r.elapsedMs() / 1000.0)),
        new Printer.Cell<>("MESSAGE", r -> Printer.text(r.message()))));
    for (InstallJob.Blade r : job.blades()) {
      InstallStep step = r.failedStep();
      if (step != null) {
        out.printf("%n%s: step %d (%s) failed:%n", r.blade(), step.index(), step.description());
        String output = step.output() == null ? "" : step.output().stripTrailing();
        out.println(output.isEmpty() ? "  (no output)" : "  " + output.replace("\n", "\n  "));
      }
    }
    long failed = job.blades().stream().filter(r -> "failed".equals(r.state())).count();
    out.printf("%n%s %s: %d blade(s), %d failed%n", job.op(), job.name(), job.blades().size(), failed);
    out.flush();
  }

  private static String version(InstallJob.Blade r) {
    String v = Printer.text(r.version());
    return r.previous() != null && !r.previous().equals(v) ? r.previous() + " -> " + v : v;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliError(CliError.FAILED, "interrupted (the job goes on)");
    }
  }
}
