package dci.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci shell}: the shell over the blades' exports and the VNAS, interactive, {@code -c} or a script. */
@Command(name = "shell", mixinStandardHelpOptions = true,
    description = {"A shell over one virtual tree: /blades/BLADE/EXPORT/... (the folders each Up blade exports,",
        "see dci export) and /vnas/... (the pooled volume). Commands: cd ls pwd cat head tail cp mv rm mkdir",
        "find du put get run ps kill send log help ('help' in the shell lists them). Every command is API",
        "calls with your token; a cp between blades is streamed blade to blade.",
        "Without -c or FILE it prompts (history, completion, Ctrl-C stops the command running).",
        "Exit status: that of the first command that failed (a script stops there), else 0."})
final class ShellCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "-c", paramLabel = "COMMANDS", description = "Run these commands (separated by ';' or newlines) and exit.")
  String commands;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "A script of shell commands to run.")
  Path script;

  @Override
  public Integer call() throws IOException {
    DciCommand root = DciCommand.root(spec);
    String token = Credentials.token(root.env());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    OutputStream raw = System.out;
    ApiClient api = new ApiClient(root.apiUrl(), token);
    Shell shell = new Shell(new ShellFs(api, new ShellHttp(root.apiUrl(), token)),
        new ShellWork(root.env(), root.apiUrl(), out, err), out, raw, err);
    if (commands != null && script != null) {
      throw new CliError(CliError.USAGE, "give -c COMMANDS or FILE, not both");
    }
    if (commands != null) {
      return runAll(shell, commands);
    }
    if (script != null) {
      if (!Files.isReadable(script)) {
        throw new CliError(CliError.USAGE, "cannot read the script " + script);
      }
      return runAll(shell, Files.readString(script, StandardCharsets.UTF_8));
    }
    return ShellPrompt.run(shell, Credentials.file(root.env()).resolveSibling("shell_history"), out, err);
  }

  /** Runs every command of {@code text}, stopping at the first that fails. */
  static int runAll(Shell shell, String text) {
    for (List<String> words : ShellLine.commands(text)) {
      if (words.get(0).equals("exit")) {
        return 0;
      }
      int code = shell.execute(words);
      if (code != 0) {
        return code;
      }
    }
    return 0;
  }
}
