package dci.app.cli;

import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dci completion bash}: picocli's completion script for the whole command tree, on stdout. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print the shell completion script of dci (commands, subcommands and options).",
        "Bash: source <(dci completion bash), or save it as /etc/bash_completion.d/dci.",
        "Zsh: autoload -U +X bashcompinit && bashcompinit, then the same."})
final class CompletionCommand implements Runnable {
  /** The shells a script is made for. */
  enum Shell { bash }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "SHELL", description = "bash (also read by zsh's bashcompinit).") Shell shell;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(AutoComplete.bash("dci", spec.root().commandLine()));
    out.flush();
  }
}
