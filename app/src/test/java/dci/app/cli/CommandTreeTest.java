package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A CLI call builds the model of the one subcommand it names, not all of them: the root options
 * before the name are skipped, help and completion (which read the whole tree) and anything
 * unknown get every subcommand, and a call answers the same either way.
 */
class CommandTreeTest {
  private static final Map<String, String> ENV = Map.of("DCI_URL", "http://127.0.0.1:9", "DCI_TOKEN", "t");

  private static CommandLine tree(String... args) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return DciCommand.commandLine(ENV, sink, sink, args);
  }

  @Test
  void theNamedSubcommandIsTheOnlyOneBuiltWhateverRootOptionsComeFirst() {
    assertThat(tree("status").getSubcommands()).containsOnlyKeys("status");
    assertThat(tree("-o", "json", "status").getSubcommands()).containsOnlyKeys("status");
    assertThat(tree("--url", "vnas", "log", "--limit", "5").getSubcommands()).as("the --url value is not a command")
        .containsOnlyKeys("log");
    assertThat(tree("--url=http://x:1", "vnas", "ls", "/").getSubcommands()).containsOnlyKeys("vnas");
    assertThat(tree("install", "hello", "--on", "all").getSubcommands()).containsOnlyKeys("install");
  }

  @Test
  void helpCompletionAndUnknownWordsGetTheWholeTree() {
    int all = DciCommand.SUBCOMMANDS.size();
    assertThat(tree().getSubcommands()).hasSize(all);
    assertThat(tree("--help").getSubcommands()).hasSize(all);
    assertThat(tree("help", "status").getSubcommands()).hasSize(all);
    assertThat(tree("completion").getSubcommands()).hasSize(all);
    assertThat(tree("stauts").getSubcommands()).hasSize(all);
  }

  @Test
  void aCallAnswersTheSameWithOneSubcommandAsWithAll() {
    for (String[] args : new String[][] {{"status", "--help"}, {"vnas", "ls", "--help"}, {"stauts"}, {"--version"}}) {
      StringWriter oneOut = new StringWriter();
      StringWriter allOut = new StringWriter();
      int one = DciCommand.commandLine(ENV, new PrintWriter(oneOut), new PrintWriter(oneOut), args).execute(args);
      int full = DciCommand.commandLine(ENV, new PrintWriter(allOut), new PrintWriter(allOut)).execute(args);
      assertThat(one).as(String.join(" ", args)).isEqualTo(full);
      assertThat(oneOut.toString()).as(String.join(" ", args)).isEqualTo(allOut.toString());
    }
  }
}
