package dci.app.cli;

import dci.protocol.vnas.RuleRequest;
import dci.protocol.vnas.RuleView;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci vnas rule set|list|rm}: per-folder placement rules, the same on every blade. */
@Command(name = "rule", mixinStandardHelpOptions = true,
    description = "Per-folder placement rules (replicas, stripe size), kept for the whole cluster.",
    subcommands = {VnasRuleCommand.Set.class, VnasRuleCommand.ListRules.class, VnasRuleCommand.Rm.class})
final class VnasRuleCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: set, list or rm");
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Files under FOLDER keep this many replicas of each stripe (new files at once, stored ones"
          + " at the keeper's next pass).")
  static final class Set implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "FOLDER") String folder;
    @Option(names = "--replicas", required = true, paramLabel = "N", description = "Copies of each stripe (1-16).")
    int replicas;
    @Option(names = "--stripe-size", paramLabel = "SIZE", description = "Stripe size of new files (e.g. 8MiB, 64KiB).")
    String stripeSize;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      Long size = stripeSize == null ? null : bytes(stripeSize);
      RuleView r = VnasCommand.api(root).put("/api/vnas/rules", new RuleRequest(folder, replicas, size), RuleView.class);
      var out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, r);
      } else {
        out.printf("%s: %d replicas%s, on every blade%n", r.path(), r.replicas(),
            r.stripeSize() == null ? "" : ", stripes of " + Printer.size(r.stripeSize()));
      }
    }
  }

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
      description = "The rules this blade applies: the cluster's, then its own configuration's.")
  static final class ListRules implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      List<RuleView> rules = Wire.list(VnasCommand.api(root).get("/api/vnas/rules"), RuleView.class);
      var out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, rules);
        return;
      }
      Printer.rows(out, rules, List.of(
          new Printer.Cell<>("FOLDER", RuleView::path),
          new Printer.Cell<>("REPLICAS", r -> Integer.toString(r.replicas())),
          new Printer.Cell<>("STRIPE", r -> r.stripeSize() == null ? "default" : Printer.size(r.stripeSize())),
          new Printer.Cell<>("SOURCE", RuleView::source),
          new Printer.Cell<>("SET BY", r -> Printer.text(r.setBy())),
          new Printer.Cell<>("SET AT", r -> r.setAt() == null ? "-" : Instant.ofEpochMilli(r.setAt()).toString())));
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove the cluster's rule for FOLDER.")
  static final class Rm implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "FOLDER") String folder;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      var reply = VnasCommand.api(root).delete("/api/vnas/rules?path=" + VnasCommand.q(folder));
      var out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, reply);
      } else {
        out.printf("%s: rule removed; the defaults apply%n", folder);
      }
    }
  }

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib)", Pattern.CASE_INSENSITIVE);

  /** {@code 65536}, {@code 64KiB}, {@code 8MiB} (k and m count 1024s) as bytes; a usage error otherwise. */
  static long bytes(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new CliError(CliError.USAGE, "not a size: '" + text + "' (write e.g. 65536, 64KiB or 8MiB)");
    }
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    try {
      long n = Long.parseLong(m.group(1));
      return Math.multiplyExact(n, unit.startsWith("m") ? 1L << 20 : unit.startsWith("k") ? 1L << 10 : 1L);
    } catch (NumberFormatException | ArithmeticException tooBig) { // (a wrapped product would look valid)
      throw new CliError(CliError.USAGE, "not a size: '" + text + "' is too big (stripes are at most 64MiB)");
    }
  }
}
