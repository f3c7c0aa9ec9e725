package dci.app.cli;

import dci.protocol.moves.MovePair;
import dci.protocol.moves.MoveRequest;
import dci.protocol.moves.MoveView;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci move ...}: plan, list, show, run and cancel moves of users between blades (Fig. 18–21). */
@Command(name = "move", mixinStandardHelpOptions = true,
    description = "Move users' homes and desks between blades: one-to-one, cascade or swap.",
    subcommands = {MoveCommand.Plan.class, MoveCommand.ListMoves.class, MoveCommand.Show.class, MoveCommand.Run.class,
        MoveCommand.Cancel.class})
final class MoveCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'dci move --help'");
  }

  @Command(name = "plan", mixinStandardHelpOptions = true,
      description = "Plan a move (prints its id; run it with 'dci move run ID').")
  static final class Plan implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "one-to-one, cascade or swap.")
    String kind;
    @Option(names = "--pair", required = true, paramLabel = "USER:FROM:TO[:DEPTH]",
        description = "A user and the blades it moves from and to (repeat; a cascade runs them in order).")
    List<String> pairs;
    @Option(names = "--at", paramLabel = "TIME", description = "Start no sooner than this instant (2030-01-01T22:00:00Z).")
    String at;
    @Option(names = "--window", paramLabel = "HH:MM-HH:MM", description = "Run only within this daily window (22:00-06:00).")
    String window;
    @Option(names = "--pre", paramLabel = "CMD", description = "Run before anything changes; its failure stops the move.")
    String pre;
    @Option(names = "--post", paramLabel = "CMD", description = "Run once the move is done.")
    String post;
    @Option(names = "--limit", paramLabel = "SIZE", description = "Bandwidth cap of the move's copies a second (10MiB), shared by the restores running together.")
    String limit;
    @Option(names = "--dry-run", description = "Check the plan and show it without storing it.")
    boolean dryRun;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      List<MovePair> list = new ArrayList<>();
      for (String p : pairs) {
        String[] f = p.split(":");
        if (f.length < 3 || f.length > 4) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--pair must be USER:FROM:TO[:DEPTH]: " + p);
        }
        list.add(new MovePair(f[0], f[1], f[2], f.length == 4 ? Integer.valueOf(f[3]) : null));
      }
      MoveView m = VnasCommand.api(root).post("/api/moves", new MoveRequest(kind, list, at, window, pre, post, limit,
          dryRun ? Boolean.TRUE : null), MoveView.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, m);
        return;
      }
      if (dryRun) {
        print(out, m);
        out.println("(dry run: nothing stored)");
      } else {
        out.println(m.id());
      }
      out.flush();
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every move of every blade, newest first.")
  static final class ListMoves implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      List<MoveView> rows = Wire.list(VnasCommand.api(root).get("/api/moves"), MoveView.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, rows);
        return;
      }
      Printer.rows(out, rows, List.of(new Printer.Cell<>("ID", MoveView::id), new Printer.Cell<>("KIND", MoveView::kind),
          new Printer.Cell<>("STATE", MoveView::state), new Printer.Cell<>("CREATED", m -> Printer.text(m.created())),
          new Printer.Cell<>("PAIRS", m -> pairs(m))));
      out.flush();
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "A move with its state and every step.")
  static final class Show implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(paramLabel = "ID") String id;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      MoveView m = VnasCommand.api(root).get("/api/moves/" + id, MoveView.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, m);
        return;
      }
      print(out, m);
      out.flush();
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run a planned move (or resume one) and follow it to its end; exits 1 unless it ends done.")
  static final class Run implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin Progress.Flag progress = new Progress.Flag();
    @Parameters(paramLabel = "ID") String id;
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "12h",
        description = "Stop following after this long (the move goes on), a " + CliDuration.HELP
            + ". Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      ApiClient api = VnasCommand.api(root);
      MoveView m = api.post("/api/moves/" + id + "/run", null, MoveView.class);
      PrintWriter out = spec.commandLine().getOut();
      long deadline = System.nanoTime() + timeout.toNanos();
      int shown = 0;
      try (Progress bar = Progress.of(spec, progress)) {
        while (!m.over()) {
          if (System.nanoTime() > deadline) {
            throw new CliError(1, "move " + id + " still " + m.state() + " after " + timeout);
          }
          for (; shown < m.steps().size(); shown++) {
            bar.line(step(m.steps().get(shown)));
          }
          long done = m.marks().stream().filter(k -> k.startsWith("removed:")).count();
          MoveView now = m;
          bar.show("moving", done, m.pairs().size(), () -> now.state());
          sleep();
          m = api.get("/api/moves/" + id, MoveView.class);
        }
        for (; shown < m.steps().size(); shown++) {
          bar.line(step(m.steps().get(shown)));
        }
      }
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, m);
      } else {
        out.println(m.id() + ": " + m.state());
        out.flush();
      }
      if (!m.state().equals("done")) {
        throw new CliError(1, "move " + id + " ended " + m.state());
      }
    }

    private static void sleep() {
      try {
        Thread.sleep(200); // a GET of one move on the blade: cheap, and a move's end shows within 0.2 s
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliError(1, "interrupted");
      }
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true,
      description = "Cancel a move: a planned one at once, a running one before its ports switch (rolled back).")
  static final class Cancel implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(paramLabel = "ID") String id;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      MoveView m = VnasCommand.api(root).post("/api/moves/" + id + "/cancel", null, MoveView.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, m);
        return;
      }
      out.println("cancelling " + m.id() + ": follow it with dci move show " + m.id());
      out.flush();
    }
  }

  static void print(PrintWriter out, MoveView m) {
    out.printf("%s  %s  %s%n  pairs: %s%n", Printer.text(m.id()), Printer.text(m.kind()), Printer.text(m.state()), pairs(m));
    if (m.at() != null || m.window() != null) {
      out.printf("  at: %s  window: %s%n", Printer.text(m.at()), Printer.text(m.window()));
    }
    if (m.pre() != null || m.post() != null) {
      out.printf("  pre: %s  post: %s%n", Printer.text(m.pre()), Printer.text(m.post()));
    }
    for (MoveView.Step s : m.steps() == null ? List.<MoveView.Step>of() : m.steps()) {
      out.println("  " + step(s));
    }
  }

  private static String step(MoveView.Step s) {
    return Printer.text(s.at()) + "  " + String.format("%-8s", Printer.text(s.blade())) + " " + Printer.text(s.what());
  }

  private static String pairs(MoveView m) {
    return m.pairs().stream().map(p -> p.user() + ":" + p.from() + ":" + p.to()).reduce((a, b) -> a + " " + b).orElse("");
  }
}
