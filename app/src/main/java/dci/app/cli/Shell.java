package dci.app.cli;

import dci.protocol.fs.FileEntry;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shell's interpreter: one command (a list of words) at a time over the virtual tree
 * ({@link ShellPath}), keeping the current folder. Every command is API calls with the caller's
 * token ({@link ShellFs}, {@link ShellWork}); a failure is printed as {@code CMD: reason} and
 * answered with the CLI's exit code for it.
 */
final class Shell {
  static final List<String> COMMANDS = List.of("cd", "ls", "pwd", "cat", "head", "tail", "cp", "mv", "rm", "mkdir",
      "find", "du", "put", "get", "run", "ps", "kill", "send", "log", "help", "exit");
  private final ShellFs fs;
  private final ShellRead read;
  private final ShellWork work;
  private final PrintWriter out;
  private final PrintWriter err;
  private String cwd = "/";

  Shell(ShellFs fs, ShellWork work, PrintWriter out, OutputStream raw, PrintWriter err) {
    this.fs = fs;
    this.read = new ShellRead(fs, out, raw);
    this.work = work;
    this.out = out;
    this.err = err;
  }

  String cwd() {
    return cwd;
  }

  ShellFs fs() {
    return fs;
  }

  /** Runs one command; answers its exit status (0 when it did what it was asked). */
  int execute(List<String> words) {
    String cmd = words.get(0);
    List<String> args = words.subList(1, words.size());
    try {
      run(cmd, new ArrayList<>(args));
      return 0;
    } catch (CliError e) {
      out.flush();
      err.println(cmd + ": " + e.getMessage());
      err.flush();
      return e.exitCode();
    } finally {
      out.flush();
    }
  }

  private void run(String cmd, List<String> args) {
    switch (cmd) {
      case "help" -> help();
      case "pwd" -> out.println(cwd);
      case "cd" -> cd(args.isEmpty() ? "/" : one(cmd, args));
      case "ls" -> ls(args);
      case "cat" -> args.forEach(a -> read.cat(path(a)));
      case "head", "tail" -> read.ends(cmd.equals("head"), lines(args), path(one(cmd, args)));
      case "find" -> read.find(args, cwd);
      case "du" -> read.du(path(args.isEmpty() ? "." : one(cmd, args)));
      case "cp", "mv" -> copy(cmd.equals("mv"), args);
      case "rm" -> {
        boolean recursive = args.remove("-r") | args.remove("-rf") | args.remove("-R");
        need(cmd, args, 1);
        args.forEach(a -> fs.remove(path(a), recursive));
      }
      case "mkdir" -> {
        args.remove("-p");
        need(cmd, args, 1);
        args.forEach(a -> fs.mkdir(path(a)));
      }
      case "put" -> {
        need(cmd, args, 1);
        Path local = Path.of(args.get(0));
        fs.upload(local, into(path(args.size() > 1 ? args.get(1) : "."), local.getFileName().toString()));
      }
      case "get" -> {
        need(cmd, args, 1);
        ShellPath from = path(args.get(0));
        read.download(from, Path.of(args.size() > 1 ? args.get(1) : from.name()));
      }
      case "run", "ps", "kill", "send", "log" -> work.run(cmd, args);
      default -> throw new CliError(CliError.USAGE, "unknown command (try help)");
    }
  }

  private void cd(String arg) {
    ShellPath p = path(arg);
    if (!fs.stat(p).dir()) {
      throw new CliError(CliError.USAGE, p.text() + " is not a folder");
    }
    cwd = p.text();
  }

  private void ls(List<String> args) {
    boolean longForm = args.remove("-l");
    for (String a : args.isEmpty() ? List.of(".") : args) {
      ShellPath p = path(a);
      if (args.size() > 1) {
        out.println(p.text() + ":");
      }
      for (FileEntry e : fs.list(p)) {
        out.println(longForm ? String.format("%s %12d %s %s", e.dir() ? "d" : "-", e.size(),
            e.modified() == null ? "-" : e.modified().toString(), e.name()) : e.name() + (e.dir() ? "/" : ""));
      }
    }
  }

  private void copy(boolean move, List<String> args) {
    need(move ? "mv" : "cp", args, 2);
    ShellPath target = path(args.get(args.size() - 1));
    List<String> sources = args.subList(0, args.size() - 1);
    boolean folder = isFolder(target);
    if (sources.size() > 1 && !folder) {
      throw new CliError(CliError.USAGE, target.text() + " is not a folder");
    }
    for (String s : sources) {
      ShellPath from = path(s);
      ShellPath to = folder ? target.child(from.name()) : target;
      if (move) {
        fs.move(from, to);
      } else {
        fs.copy(from, to);
      }
    }
  }

  /** {@code p}, or {@code p/name} when p is a folder. */
  private ShellPath into(ShellPath p, String name) {
    return isFolder(p) ? p.child(name) : p;
  }

  private boolean isFolder(ShellPath p) {
    try {
      return fs.stat(p).dir();
    } catch (CliError notThere) {
      if (notThere.exitCode() != CliError.FAILED) {
        throw notThere;
      }
      return false;
    }
  }

  ShellPath path(String arg) {
    return ShellPath.of(cwd, arg);
  }

  private static int lines(List<String> args) {
    int i = args.indexOf("-n");
    if (i < 0) {
      return 10;
    }
    if (i + 1 >= args.size()) {
      throw new CliError(CliError.USAGE, "-n needs a number");
    }
    try {
      int n = Integer.parseInt(args.remove(i + 1));
      args.remove(i);
      return n;
    } catch (NumberFormatException e) {
      throw new CliError(CliError.USAGE, "-n needs a number");
    }
  }

  private static String one(String cmd, List<String> args) {
    if (args.size() != 1) {
      throw new CliError(CliError.USAGE, "takes one path (" + HELP.get(cmd) + ")");
    }
    return args.get(0);
  }

  private static void need(String cmd, List<String> args, int n) {
    if (args.size() < n) {
      throw new CliError(CliError.USAGE, "usage: " + HELP.get(cmd));
    }
  }

  private void help() {
    out.println("The tree: /blades/BLADE/EXPORT/... (each Up blade's exported folders) and /vnas/... (the volume).");
    COMMANDS.forEach(c -> out.printf("  %-6s %s%n", c, HELP.get(c)));
  }

  static final Map<String, String> HELP = Map.ofEntries(
      Map.entry("cd", "cd [PATH]  change folder (default /)"),
      Map.entry("ls", "ls [-l] [PATH...]  list a folder"),
      Map.entry("pwd", "pwd  print the current folder"),
      Map.entry("cat", "cat PATH...  print files"),
      Map.entry("head", "head [-n N] PATH  the first N lines (10)"),
      Map.entry("tail", "tail [-n N] PATH  the last N lines (10)"),
      Map.entry("cp", "cp SRC... DST  copy files; the blades stream them, not this machine"),
      Map.entry("mv", "mv SRC... DST  move files"),
      Map.entry("rm", "rm [-r] PATH...  remove files (-r: folders and all below)"),
      Map.entry("mkdir", "mkdir PATH...  make folders (and missing parents)"),
      Map.entry("find", "find [PATH] [-name GLOB]  every path below PATH"),
      Map.entry("du", "du [PATH]  bytes below PATH"),
      Map.entry("put", "put LOCAL [PATH]  upload a file of this machine"),
      Map.entry("get", "get PATH [LOCAL]  download a file to this machine"),
      Map.entry("run", "run BLADE|all|role:R|B1,B2 -- CMD ARGS  run a program through exec"),
      Map.entry("ps", "ps BLADE|all|role:R  the processes of blades"),
      Map.entry("kill", "kill BLADE PID...  signal processes on a blade"),
      Map.entry("send", "send --app TYPE [--to T] PAYLOAD  send an envelope (as dci send)"),
      Map.entry("log", "log [OPTIONS]  the message log (as dci log)"),
      Map.entry("help", "help  this list"),
      Map.entry("exit", "exit  leave the shell"));
}
