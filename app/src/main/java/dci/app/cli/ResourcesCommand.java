package dci.app.cli;

import dci.protocol.resources.Advice;
import dci.protocol.resources.DemandMap;
import dci.protocol.resources.ResourceHistory;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dci resources ...}: every blade's use over time, the demand map and the advice. */
@Command(name = "resources", mixinStandardHelpOptions = true,
    description = "The resource manager: a blade's use over time, the demand map (users x blades), advice on moves.",
    subcommands = {ResourcesCommand.History.class, ResourcesCommand.Map.class, ResourcesCommand.Advise.class})
final class ResourcesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'dci resources --help'");
  }

  private static String q(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.1f", v);
  }

  @Command(name = "history", mixinStandardHelpOptions = true,
      description = {"One metric of one blade over time, read from any blade (even once that blade is gone):",
          "cpu, memory, swap, disk (%), disk-read, disk-write, net-in, net-out (B/s), desks, logins (per min),",
          "processes:PACKAGE (the processes an installed package runs)."})
  static final class History implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--blade", required = true, paramLabel = "BLADE") String blade;
    @Option(names = "--metric", defaultValue = "cpu", paramLabel = "METRIC", description = "Default: cpu.") String metric;
    @Option(names = "--since", defaultValue = "1h", paramLabel = "SINCE",
        description = "How far back: 10m, 6h, 7d (default 1h).") String since;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      ResourceHistory h = VnasCommand.api(root).get("/api/resources/history?blade=" + q(blade) + "&metric=" + q(metric)
          + "&since=" + q(since), ResourceHistory.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, h);
        return;
      }
      List<Double> values = h.points().stream().map(ResourceHistory.Point::value).toList();
      out.printf("%s %s (%s) since %s: %d points%n", h.blade(), h.metric(), h.unit(), h.since(), values.size());
      if (!values.isEmpty()) {
        var stats = values.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        out.printf("%s  min %s  mean %s  max %s%n", Sparkline.of(values, 60), num(stats.getMin()),
            num(stats.getAverage()), num(stats.getMax()));
      }
      Printer.rows(out, h.points(), List.of(new Printer.Cell<>("AT", p -> String.valueOf(p.at())),
          new Printer.Cell<>(h.metric().toUpperCase(Locale.ROOT), p -> num(p.value()))));
    }
  }

  @Command(name = "map", mixinStandardHelpOptions = true,
      description = {"The demand map: each user's load (the CPU %% of the blade their desk was routed to while",
          "they had it) and their desk sessions and logins there, by blade."})
  static final class Map implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--since", defaultValue = "1h", paramLabel = "SINCE", description = "Default: 1h.") String since;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      DemandMap m = VnasCommand.api(root).get("/api/resources/map?since=" + q(since), DemandMap.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, m);
        return;
      }
      if (m.users().isEmpty()) {
        out.println("no user's desk was routed to a sampled blade since " + m.since());
        out.flush();
        return;
      }
      Printer.rows(out, m.users(), List.of(new Printer.Cell<>("USER", DemandMap.Row::user),
          new Printer.Cell<>("NOW ON", r -> Printer.text(r.blade())),
          new Printer.Cell<>("LOAD %", r -> num(r.load())),
          new Printer.Cell<>("BLADES (cpu % / sessions / logins per min)", r -> r.cells().stream()
              .map(c -> c.blade() + " " + num(c.cpu()) + "/" + num(c.sessions()) + "/" + num(c.loginsPerMinute()))
              .collect(Collectors.joining("  ")))));
    }
  }

  @Command(name = "advise", mixinStandardHelpOptions = true,
      description = "Moves that would even the blades' load, each with the 'dci move plan' command that plans it.")
  static final class Advise implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--since", defaultValue = "1h", paramLabel = "SINCE",
        description = "The window the loads are averaged over (default 1h).") String since;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      Advice a = VnasCommand.api(root).get("/api/resources/advise?since=" + q(since), Advice.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, a);
        return;
      }
      Printer.rows(out, a.blades(), List.of(new Printer.Cell<>("BLADE", Advice.BladeLoad::blade),
          new Printer.Cell<>("CPU %", b -> num(b.cpu())), new Printer.Cell<>("MEMORY %", b -> num(b.memory())),
          new Printer.Cell<>("USERS", b -> Printer.text(b.users()))));
      if (a.suggestions().isEmpty()) {
        out.println("no move to suggest: no busy blade with users next to an idle one");
      }
      for (Advice.Suggestion s : a.suggestions()) {
        out.printf("%n%s (gain: %s points of CPU headroom)%n  %s%n", s.reason(), num(s.gain()), s.command());
      }
      out.flush();
    }
  }
}
