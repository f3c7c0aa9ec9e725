package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dci.app.cli.CliRun.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dci completion bash}: a script bash sources, which completes dci's commands and options. */
class CompletionCommandTest {
  @TempDir Path tmp;

  private static Run completion(String... shell) {
    String[] args = new String[shell.length + 1];
    args[0] = "completion";
    System.arraycopy(shell, 0, args, 1, shell.length);
    return CliRun.dci(Map.of(), args);
  }

  @Test
  void theBashScriptNamesEveryCommandAndSubcommand() {
    Run r = completion("bash");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_dci")
        .contains("install", "uninstall", "vnas", "backup", "package", "completion")
        .contains("_picocli_dci_vnas", "_picocli_dci_backup_run", "_picocli_dci_package_publish");
  }

  @Test
  void bashCompletesCommandsAndSubcommandsFromTheScript() throws Exception {
    Path script = tmp.resolve("dci.bash");
    Files.writeString(script, completion("bash").out());
    assertThat(complete(script, "dci", "vn")).isEqualTo("vnas");
    assertThat(complete(script, "dci", "vnas", "dr")).isEqualTo("drain");
    assertThat(complete(script, "dci", "install", "tool", "--ti")).isEqualTo("--timeout");
  }

  @Test
  void anUnknownShellIsAUsageError() {
    Run r = completion("fish");
    assertThat(r.code()).isEqualTo(CliError.USAGE);
    assertThat(r.err()).contains("expected one of [bash]");
    assertThat(completion().code()).isEqualTo(CliError.USAGE);
  }

  /** What bash offers for the last of {@code words}, after sourcing {@code script}: the candidates, space-separated. */
  private static String complete(Path script, String... words) throws Exception {
    String line = String.join(" ", words);
    // compopt works only inside completion that bash itself started: stood in for here
    String program = "compopt() { :; }; source " + script + "; COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1)
        + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; _complete_dci; echo \"${COMPREPLY[*]}\"";
    Process p = new ProcessBuilder("bash", "--norc", "-c", program).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
