package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.aims.ComplianceReport;
import dci.protocol.aims.HostLogLine;
import dci.protocol.aims.HostLogs;
import dci.protocol.aims.PolicyDoc;
import dci.protocol.aims.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci aims ...}: manage every blade from any blade (Fig. 27). */
@Command(name = "aims", mixinStandardHelpOptions = true,
    description = "AIMS: compliance against a policy, inventories, system logs across blades, alerts, infections.",
    subcommands = {AimsCommand.PolicyCmd.class, AimsCommand.Inventory.class, AimsCommand.Check.class,
        AimsCommand.Logs.class, AimsAlertCommands.AlertCmd.class, AimsAlertCommands.AlertsCmd.class,
        AimsAlertCommands.QuarantineCmd.class, AimsOpsCommands.Service.class, AimsOpsCommands.Audit.class,
        AimsOpsCommands.Patch.class, AimsMaintenanceCommand.class, AimsOpsCommands.Scan.class,
        AimsOpsCommands.Playback.class, AimsAlertCommands.HealthCmd.class})
final class AimsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'dci aims --help'");
  }

  static final String ON_HELP = "Blades: all (default), B1,B2, or role:ROLE.";

  @Command(name = "policy", mixinStandardHelpOptions = true,
      description = "The cluster's policy: required and forbidden packages and modules, services, ports.",
      subcommands = {PolicyCmd.Set.class, PolicyCmd.Show.class})
  static final class PolicyCmd implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: set or show");
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Set the policy from a YAML file (checked first; kept on every blade). Its shape:",
            "  packages: {require: [{name: N, version: \">= 1.0\"}], forbid: [{name: N}]}",
            "  dci-packages: {require: [...], forbid: [...]}   modules: {require: [...], forbid: [...]}",
            "  services: {running: [ssh], stopped: [telnet]}     ports: {allow: [22, \"8000-8999\"]}"})
    static final class Set implements Runnable {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;
      @Parameters(index = "0", paramLabel = "FILE") Path file;

      @Override
      public void run() {
        DciCommand root = DciCommand.root(spec);
        byte[] yaml;
        try {
          yaml = Files.readAllBytes(file);
        } catch (IOException e) {
          throw new CliError(CliError.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
        PolicyDoc doc = Wire.read(VnasCommand.api(root).putBytes("/api/aims/policy", yaml, "text/yaml; charset=UTF-8"),
            PolicyDoc.class);
        PrintWriter out = spec.commandLine().getOut();
        if (root.output() == DciCommand.Output.json) {
          Printer.json(out, doc);
        } else {
          out.printf("policy set by %s at %s; every blade checks against it (dci aims check)%n", doc.setBy(), doc.setAt());
        }
      }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the policy in force.")
    static final class Show implements Runnable {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;

      @Override
      public void run() {
        DciCommand root = DciCommand.root(spec);
        PolicyDoc doc = VnasCommand.api(root).get("/api/aims/policy", PolicyDoc.class);
        PrintWriter out = spec.commandLine().getOut();
        if (root.output() == DciCommand.Output.json) {
          Printer.json(out, doc);
        } else {
          out.printf("# set by %s at %s%n%s", doc.setBy(), doc.setAt(), doc.yaml().endsWith("\n") ? doc.yaml()
              : doc.yaml() + "\n");
        }
      }
    }
  }

  @Command(name = "inventory", mixinStandardHelpOptions = true,
      description = "Each blade's OS packages, kernel modules, services, listening ports and DCI packages.")
  static final class Inventory implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--on", defaultValue = "all", paramLabel = "BLADES", description = ON_HELP) String on;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      JsonNode rows = VnasCommand.api(root).get("/api/aims/inventory?on=" + VnasCommand.q(on));
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, rows);
        return;
      }
      for (JsonNode r : rows) {
        JsonNode v = r.path("inventory");
        if (v.isMissingNode() || v.isNull()) {
          out.printf("%s: %s%n", r.path("blade").asText(), r.path("error").asText());
          continue;
        }
        out.printf("%s: %d %s packages, %d modules, %d services (%d running), %d listening sockets, %d DCI packages%n",
            r.path("blade").asText(), v.path("packages").size(), v.path("packageSystem").asText(),
            v.path("modules").size(), v.path("services").size(),
            count(v.path("services"), s -> "running".equals(s.path("state").asText())), v.path("ports").size(),
            v.path("dciPackages").size());
        v.path("notes").forEach(n -> out.printf("  note: %s%n", n.asText()));
      }
    }

    private static int count(JsonNode list, java.util.function.Predicate<JsonNode> p) {
      int n = 0;
      for (JsonNode x : list) {
        n += p.test(x) ? 1 : 0;
      }
      return n;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Check each blade against the policy; list what breaks it.",
          "Exit status 1 if any blade breaks it or could not be checked."})
  static final class Check implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--on", defaultValue = "all", paramLabel = "BLADES", description = ON_HELP) String on;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      ComplianceReport r = VnasCommand.api(root).get("/api/aims/check?on=" + VnasCommand.q(on), ComplianceReport.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, r);
      } else {
        if (r.policySetAt() == null) {
          out.println("no policy is set (dci aims policy set FILE): nothing to break");
        }
        for (ComplianceReport.Blade b : r.blades()) {
          if (b.error() != null) {
            out.printf("%s: not checked: %s%n", b.blade(), b.error());
          } else if (b.violations().isEmpty()) {
            out.printf("%s: compliant%n", b.blade());
          } else {
            b.violations().stream().map(Violation::line).forEach(out::println);
          }
        }
      }
      out.flush();
      if (!r.compliant()) {
        long n = r.blades().stream().mapToLong(b -> b.violations().size()).sum();
        throw new CliError(CliError.FAILED, n + " violation(s) of the policy"
            + (r.blades().stream().anyMatch(b -> b.error() != null) ? ", and blades not checked" : ""));
      }
    }
  }

  @Command(name = "logs", mixinStandardHelpOptions = true,
      description = "The blades' system logs (journal, /var/log/syslog, or the blade's own receiver), merged by time.")
  static final class Logs implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--on", defaultValue = "all", paramLabel = "BLADES", description = ON_HELP) String on;
    @Option(names = "--grep", paramLabel = "REGEX", description = "Only lines matching (a Java regular expression).")
    String grep;
    @Option(names = "--since", defaultValue = "1h", paramLabel = "SINCE", description = "How far back (default 1h).")
    String since;
    @Option(names = "--unit", paramLabel = "UNIT", description = "Only this systemd unit or syslog tag.") String unit;
    @Option(names = "--limit", paramLabel = "N", description = "At most N lines a blade, the newest (default 1000).")
    Integer limit;
    @Option(names = "--stream", description = {"Print each blade's lines as soon as it answers (each blade's in",
        "time order), instead of all merged by time once every blade has; JSON: one object a line."})
    boolean stream;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      String path = "/api/aims/logs?on=" + VnasCommand.q(on) + "&since=" + VnasCommand.q(since)
          + (grep == null ? "" : "&grep=" + VnasCommand.q(grep)) + (unit == null ? "" : "&unit=" + VnasCommand.q(unit))
          + (limit == null ? "" : "&limit=" + limit);
      PrintWriter out = spec.commandLine().getOut();
      if (stream) {
        boolean json = root.output() == DciCommand.Output.json;
        VnasCommand.api(root).getTextTo(path + "&stream=true", new LineWriter(line -> {
          if (json) {
            out.println(line);
          } else {
            JsonNode n = Wire.tree(line);
            if (n.path("done").asBoolean(false)) {
              if (!n.path("error").isNull()) {
                spec.commandLine().getErr().printf("%s: %s%n", n.path("blade").asText(), n.path("error").asText());
              } else if (n.path("capped").asBoolean()) {
                spec.commandLine().getErr().printf("%s: more lines matched (only the newest are shown; --limit)%n",
                    n.path("blade").asText());
              }
            } else {
              out.printf("%s %s %s: %s%n", n.path("at").asText(), n.path("blade").asText(),
                  n.path("unit").isNull() ? "-" : n.path("unit").asText(),
                  n.path("text").asText().replaceAll("\\p{Cntrl}", "?"));
            }
          }
          out.flush();
        }));
        return;
      }
      JsonNode reply = VnasCommand.api(root).get(path);
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, reply);
        return;
      }
      for (HostLogLine l : Wire.list(reply.path("lines"), HostLogLine.class)) {
        out.printf("%s %s %s: %s%n", l.at(), l.blade(), l.unit() == null ? "-" : l.unit(),
            l.text().replaceAll("\\p{Cntrl}", "?"));
      }
      for (HostLogs b : Wire.list(reply.path("blades"), HostLogs.class)) {
        if (b.error() != null) {
          spec.commandLine().getErr().printf("%s: %s%n", b.blade(), b.error());
        } else if (b.capped()) {
          spec.commandLine().getErr().printf("%s: more lines matched (only the newest are shown; --limit)%n",
              b.blade());
        }
      }
    }
  }
}
