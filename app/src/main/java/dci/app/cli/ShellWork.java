package dci.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shell's commands that start work: {@code run} (the exec peerlet, as {@code dci broadcast}),
 * {@code ps} and {@code kill} (ps and kill run through exec), {@code send} and {@code log} (as
 * {@code dci send} and {@code dci log}). Each runs the CLI's own command against the same API
 * with the same token, so the same role checks apply.
 */
final class ShellWork {
  private final Map<String, String> env;
  private final String url;
  private final PrintWriter out;
  private final PrintWriter err;

  ShellWork(Map<String, String> env, String url, PrintWriter out, PrintWriter err) {
    this.env = env;
    this.url = url;
    this.out = out;
    this.err = err;
  }

  void run(String cmd, List<String> args) {
    List<String> cli = new ArrayList<>(List.of("--url", url));
    switch (cmd) {
      case "run" -> {
        int dash = args.indexOf("--");
        if (dash != 1 || args.size() < 3) {
          throw new CliError(CliError.USAGE, "usage: " + Shell.HELP.get("run"));
        }
        cli.addAll(exec(args.get(0)));
        cli.addAll(args.subList(2, args.size()));
      }
      case "ps" -> {
        if (args.size() != 1) {
          throw new CliError(CliError.USAGE, "usage: " + Shell.HELP.get("ps"));
        }
        cli.addAll(exec(args.get(0)));
        cli.addAll(List.of("ps", "-eo", "pid,user,etime,args"));
      }
      case "kill" -> {
        if (args.size() < 2 || args.get(0).equals("all") || args.get(0).startsWith("role:")) {
          throw new CliError(CliError.USAGE, "usage: " + Shell.HELP.get("kill"));
        }
        cli.addAll(exec(args.get(0)));
        cli.add("kill");
        cli.addAll(args.subList(1, args.size()));
      }
      default -> {
        cli.add(cmd);
        cli.addAll(args);
      }
    }
    out.flush();
    String[] argv = cli.toArray(new String[0]);
    int code = DciCommand.commandLine(env, out, err, argv).execute(argv);
    out.flush();
    err.flush();
    if (code != 0) {
      throw new CliError(code, "failed (exit " + code + ")");
    }
  }

  private static List<String> exec(String target) {
    return target.equals("all") ? List.of("broadcast", "--") : List.of("broadcast", "--to", target, "--");
  }
}
