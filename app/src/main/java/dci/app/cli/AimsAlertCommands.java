package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.aims.AlertRule;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci aims alert add|list|remove}, {@code dci aims alerts [clear KEY]}, {@code dci aims quarantine}. */
final class AimsAlertCommands {
  private AimsAlertCommands() {}

  @Command(name = "alert", mixinStandardHelpOptions = true,
      description = "Alert rules every blade applies to its own samples (kept on every blade).",
      subcommands = {AlertCmd.Add.class, AlertCmd.ListRules.class, AlertCmd.Remove.class})
  static final class AlertCmd implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: add, list or remove");
    }

    /** Exactly one test. */
    static final class Test {
      @Option(names = "--over", paramLabel = "V", description = "Raise when the metric is over V.") Double over;
      @Option(names = "--under", paramLabel = "V", description = "Raise when the metric is under V.") Double under;
      @Option(names = "--rising", description = "Raise when the metric rose at each of the last --for samples.")
      boolean rising;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Add (or replace) rule NAME. Metrics: cpu, memory, swap, disk (%), temperature (C),",
            "probe-ms, disk-errors (0..1). Raised after --for samples in a row pass, cleared after as many fail."})
    static final class Add implements Runnable {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;
      @Parameters(index = "0", paramLabel = "NAME") String name;
      @Option(names = "--metric", required = true, paramLabel = "M") String metric;
      @ArgGroup(exclusive = true, multiplicity = "1") Test test;
      @Option(names = "--for", defaultValue = "1", paramLabel = "N", description = "Samples in a row (default 1).")
      int forSamples;
      @Option(names = "--webhook", paramLabel = "URL", description = "POST each raised and cleared alert here (JSON).")
      String webhook;
      @Option(names = "--command", paramLabel = "CMD",
          description = "Run CMD (sh -c) on the blade for each raised and cleared alert, the alert as JSON on stdin.")
      String command;

      @Override
      public void run() {
        DciCommand root = DciCommand.root(spec);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("metric", metric);
        body.put("test", test.rising ? "rising" : test.over != null ? "over" : "under");
        body.put("limit", test.over != null ? test.over : test.under);
        body.put("forSamples", forSamples);
        body.put("webhook", webhook);
        body.put("command", command);
        AlertRule r = Wire.read(VnasCommand.api(root).post("/api/aims/alert-rules", body), AlertRule.class);
        PrintWriter out = spec.commandLine().getOut();
        if (root.output() == DciCommand.Output.json) {
          Printer.json(out, r);
        } else {
          out.printf("rule %s: %s %s for %d sample(s), on every blade%n", r.name(), r.metric(), describe(r),
              r.forSamples());
        }
      }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "The alert rules.")
    static final class ListRules implements Runnable {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;

      @Override
      public void run() {
        DciCommand root = DciCommand.root(spec);
        List<AlertRule> rules = Wire.list(VnasCommand.api(root).get("/api/aims/alert-rules"), AlertRule.class);
        PrintWriter out = spec.commandLine().getOut();
        if (root.output() == DciCommand.Output.json) {
          Printer.json(out, rules);
          return;
        }
        Printer.rows(out, rules, List.of(new Printer.Cell<>("NAME", AlertRule::name),
            new Printer.Cell<>("METRIC", AlertRule::metric), new Printer.Cell<>("TEST", AimsAlertCommands::describe),
            new Printer.Cell<>("FOR", r -> Integer.toString(r.forSamples())),
            new Printer.Cell<>("SENDS TO", r -> (r.webhook() == null ? "" : r.webhook() + " ")
                + (r.command() == null ? "" : "command")),
            new Printer.Cell<>("SET BY", AlertRule::setBy)));
        out.println();
        HealthCmd.show(spec, root, Wire.read(VnasCommand.api(root).get("/api/aims/health-rules"),
            dci.protocol.aims.HealthLevels.class));
      }
    }

    @Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true,
        description = "Remove rule NAME (what it raised clears).")
    static final class Remove implements Runnable {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;
      @Parameters(index = "0", paramLabel = "NAME") String name;

      @Override
      public void run() {
        DciCommand root = DciCommand.root(spec);
        JsonNode r = VnasCommand.api(root).delete("/api/aims/alert-rules/" + VnasCommand.q(name));
        if (root.output() == DciCommand.Output.json) {
          Printer.json(spec.commandLine().getOut(), r);
        } else {
          spec.commandLine().getOut().printf("rule %s removed%n", name);
        }
      }
    }
  }

  @Command(name = "health", mixinStandardHelpOptions = true,
      description = {"The fail-over's impending-failure rules (the body's health levels), the same on every blade.",
          "Over a warning level: a warning; over a limit (or disk errors rising for trend-samples samples):",
          "an impending failure, and the blade's users are moved off it."},
      subcommands = {HealthCmd.Set.class, HealthCmd.Reset.class})
  static final class HealthCmd implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      show(spec, root, Wire.read(VnasCommand.api(root).get("/api/aims/health-rules"),
          dci.protocol.aims.HealthLevels.class));
    }

    static void show(CommandLine.Model.CommandSpec spec, DciCommand root, dci.protocol.aims.HealthLevels h) {
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, h);
        return;
      }
      out.printf("fail-over health rules (%s):%n", h.source().equals("cluster") ? "set for the cluster"
          : "each blade's dci.body.health");
      out.printf("  temperature: warning over %s C, impending over %s C%n", h.temperatureWarning(), h.temperatureLimit());
      out.printf("  disk errors: warning over %s, impending over %s or rising for %d samples%n", h.diskErrorWarning(),
          h.diskErrorLimit(), h.trendSamples());
      out.printf("  slow disk probe: warning over %d ms%n", h.slowProbeMillis());
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Change levels (the others stay).")
    static final class Set implements Runnable {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;
      @Option(names = "--temperature-warning", paramLabel = "C") Double temperatureWarning;
      @Option(names = "--temperature-limit", paramLabel = "C") Double temperatureLimit;
      @Option(names = "--disk-error-warning", paramLabel = "RATE") Double diskErrorWarning;
      @Option(names = "--disk-error-limit", paramLabel = "RATE") Double diskErrorLimit;
      @Option(names = "--slow-probe-ms", paramLabel = "MS") Long slowProbeMillis;
      @Option(names = "--trend-samples", paramLabel = "N") Integer trendSamples;

      @Override
      public void run() {
        DciCommand root = DciCommand.root(spec);
        show(spec, root, Wire.read(VnasCommand.api(root).put("/api/aims/health-rules", new dci.protocol.aims.HealthLevels(
            null, temperatureWarning, temperatureLimit, diskErrorWarning, diskErrorLimit, slowProbeMillis,
            trendSamples)), dci.protocol.aims.HealthLevels.class));
      }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true, description = "Back to each blade's configuration.")
    static final class Reset implements Runnable {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;

      @Override
      public void run() {
        DciCommand root = DciCommand.root(spec);
        show(spec, root, Wire.read(VnasCommand.api(root).delete("/api/aims/health-rules"),
            dci.protocol.aims.HealthLevels.class));
      }
    }
  }

  static String describe(AlertRule r) {
    return switch (r.test()) {
      case "rising" -> "rising";
      default -> r.test() + " " + (r.limit() == Math.rint(r.limit()) ? String.valueOf((long) r.limit())
          : String.valueOf(r.limit()));
    };
  }

  @Command(name = "alerts", mixinStandardHelpOptions = true,
      description = "The alerts in force on every blade; 'clear KEY' acknowledges one (e.g. an infection).",
      subcommands = AlertsCmd.Clear.class)
  static final class AlertsCmd implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      JsonNode rows = VnasCommand.api(root).get("/api/aims/alerts");
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, rows);
        return;
      }
      if (rows.isEmpty()) {
        out.println("no alert in force");
        return;
      }
      Printer.table(out, rows, List.of(new Printer.Column("RAISED", r -> r.path("raisedAt").asText()),
          new Printer.Column("RULE", r -> r.path("rule").asText()), new Printer.Column("BLADE", r -> r.path("blade").asText()),
          new Printer.Column("MESSAGE", r -> r.path("message").asText()), new Printer.Column("KEY", r -> r.path("key").asText())));
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Acknowledge the alert KEY.")
    static final class Clear implements Runnable {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;
      @Parameters(index = "0", paramLabel = "KEY") String key;

      @Override
      public void run() {
        DciCommand root = DciCommand.root(spec);
        JsonNode r = VnasCommand.api(root).delete("/api/aims/alerts?key=" + VnasCommand.q(key));
        if (root.output() == DciCommand.Output.json) {
          Printer.json(spec.commandLine().getOut(), r);
        } else {
          spec.commandLine().getOut().printf("alert %s cleared%n", key);
        }
      }
    }
  }

  @Command(name = "quarantine", mixinStandardHelpOptions = true,
      description = "Infected files each blade's scanner moved out of the VNAS, newest first.")
  static final class QuarantineCmd implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--on", defaultValue = "all", paramLabel = "BLADES", description = AimsCommand.ON_HELP) String on;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      JsonNode rows = VnasCommand.api(root).get("/api/aims/quarantine?on=" + VnasCommand.q(on));
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, rows);
        return;
      }
      for (JsonNode b : rows) {
        if (b.hasNonNull("error")) {
          out.printf("%s: %s%n", b.path("blade").asText(), b.path("error").asText());
        }
        for (JsonNode q : b.path("files")) {
          out.printf("%s %s %s %s (%d bytes) id %s%n", q.path("at").asText(), q.path("blade").asText(),
              q.path("path").asText(), q.path("signature").asText(), q.path("size").asLong(), q.path("id").asText());
        }
      }
    }
  }
}
