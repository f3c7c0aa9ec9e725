package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
  static int run(DciCommand root, CommandLine.Model.CommandSpec spec, String path, Object body, Duration timeout,
      Progress.Flag flag) {
    ApiClient api = VnasCommand.api(root);
    JsonNode started = api.post(path, body);
    String id = started.path("job").asText();
    JsonNode job;
    try (Progress progress = Progress.of(spec, flag)) {
      long deadline = System.currentTimeMillis() + timeout.toMillis();
      Set<String> told = new HashSet<>();
      job = api.get("/api/install/jobs/" + VnasCommand.q(id));
      int polls = 0;
      while (true) {
        for (JsonNode r : job.path("blades")) {
          String blade = r.path("blade").asText();
          if (!"pending".equals(r.path("state").asText()) && told.add(blade)) {
            progress.line(String.format("%-12s %-9s %s", blade, r.path("state").asText(),
                r.path("message").asText("")));
          }
        }
        if (job.path("done").asBoolean()) {
          break;
        }
        if (System.currentTimeMillis() > deadline) {
          throw new CliError(CliError.FAILED, "job " + id + " still running after " + CliDuration.text(timeout)
              + " (it goes on; see GET /api/install/jobs/" + id + " on " + root.apiUrl() + ")");
        }
        int answered = told.size();
        int blades = job.path("blades").size();
        progress.show(started.path("op").asText(), answered, blades,
            () -> started.path("name").asText() + ": " + answered + " of " + blades + " blades answered");
        sleep(polls++ < 20 ? 100 : 500);
        job = api.get("/api/install/jobs/" + VnasCommand.q(id));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (root.output() == DciCommand.Output.json) {
      Printer.json(out, job);
    } else {
      table(out, job);
    }
    return job.path("ok").asBoolean() ? 0 : CliError.FAILED;
  }

  static void table(PrintWriter out, JsonNode job) {
    Printer.table(out, job.path("blades"), List.of(new Printer.Column("BLADE", r -> Printer.text(r, "blade")),
        new Printer.Column("STATE", r -> Printer.text(r, "state")),
        new Printer.Column("ACTION", r -> Printer.text(r, "action")),
        new Printer.Column("VERSION", r -> version(r)),
        new Printer.Column("TIME", r -> String.format(Locale.ROOT, "%.1f s", r.path("elapsedMs").asLong() / 1000.0)),
        new Printer.Column("MESSAGE", r -> Printer.text(r, "message"))));
    for (JsonNode r : job.path("blades")) {
      JsonNode step = r.path("failedStep");
      if (!step.isMissingNode() && !step.isNull()) {
        out.printf("%n%s: step %d (%s) failed:%n", r.path("blade").asText(), step.path("index").asInt(),
            step.path("description").asText());
        String output = step.path("output").asText("").stripTrailing();
        out.println(output.isEmpty() ? "  (no output)" : "  " + output.replace("\n", "\n  "));
      }
    }
    long failed = 0;
    for (JsonNode r : job.path("blades")) {
      failed += "failed".equals(r.path("state").asText()) ? 1 : 0;
    }
    out.printf("%n%s %s: %d blade(s), %d failed%n", job.path("op").asText(), job.path("name").asText(),
        job.path("blades").size(), failed);
    out.flush();
  }

  private static String version(JsonNode r) {
    String v = Printer.text(r, "version");
    return r.hasNonNull("previous") && !r.path("previous").asText().equals(v)
        ? r.path("previous").asText() + " -> " + v : v;
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
