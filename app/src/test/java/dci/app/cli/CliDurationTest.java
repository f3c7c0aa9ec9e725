package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dci.app.cli.CliRun.Run;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every duration option of the CLI takes the one duration type: 500ms, 30s, 5m, 1h, or bare seconds. */
class CliDurationTest {
  private static final Map<String, String> ENV = Map.of("DCI_TOKEN", "t", "DCI_URL", "http://127.0.0.1:9");

  @Test
  void unitsAndABareNumberOfSeconds() {
    assertThat(CliDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(CliDuration.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(CliDuration.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(CliDuration.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(CliDuration.parse(" 1860 ")).isEqualTo(Duration.ofSeconds(1860));
    assertThat(CliDuration.text(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(CliDuration.text(Duration.ofMinutes(120))).isEqualTo("2h");
    assertThat(CliDuration.text(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(CliDuration.seconds(Duration.ofMillis(1001))).isEqualTo(2);
  }

  @Test
  void anythingElseIsRefusedSayingWhatADurationIs() {
    for (String bad : new String[] {"", "soon", "5 m", "-3s", "1.5s", "5d", "10000000000s", "s"}) {
      assertThatThrownBy(() -> CliDuration.parse(bad)).as(bad).isInstanceOf(CommandLine.TypeConversionException.class)
          .hasMessage("'" + bad + "' is not a duration: a whole number and ms, s, m or h, e.g. 30s or 5m (a bare"
              + " number is seconds)");
    }
  }

  @Test
  void aBadDurationOnTheCommandLineIsAUsageErrorNamingTheOption() {
    Run r = CliRun.dci(ENV, "install", "tool", "--on", "all", "--timeout", "soon");
    assertThat(r.code()).isEqualTo(CliError.USAGE);
    assertThat(r.err()).contains("--timeout").contains("'soon' is not a duration");
    assertThat(CliRun.dci(ENV, "broadcast", "--timeout", "11m", "--", "true").err())
        .contains("--timeout must be between 1ms and 10m");
  }

  @Test
  void everyTimeoutAndWaitOptionIsADurationAndSaysSoInItsHelp() {
    CommandLine cl = DciCommand.commandLine(ENV, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    List<String> durations = new ArrayList<>();
    walk(cl.getCommandSpec(), durations);
    assertThat(durations).contains("dci install --timeout", "dci vnas drain --timeout", "dci backup run --timeout",
        "dci broadcast --timeout", "dci desk --timeout", "dci send --wait", "dci replay --wait");
    CommandLine.ParseResult pr = cl.parseArgs("vnas", "drain", "blade-2", "--timeout", "5m");
    assertThat(pr.subcommand().subcommand().matchedOptionValue("--timeout", Duration.ZERO)).isEqualTo(Duration.ofMinutes(5));
    cl.parseArgs("install", "tool", "--on", "all");
    OptionSpec installTimeout = cl.getSubcommands().get("install").getCommandSpec().findOption("--timeout");
    assertThat((Duration) installTimeout.getValue()).as("its default, 31m").isEqualTo(Duration.ofMinutes(31));
  }

  private static void walk(CommandSpec spec, List<String> durations) {
    for (OptionSpec o : spec.options()) {
      boolean timeLike = o.longestName().equals("--timeout") || o.longestName().equals("--wait");
      if (timeLike || o.type() == Duration.class) {
        String where = spec.qualifiedName() + " " + o.longestName();
        assertThat(o.type()).as(where).isEqualTo(Duration.class);
        assertThat(String.join(" ", o.description())).as(where).contains(CliDuration.HELP);
        assertThat(o.paramLabel()).as(where).isEqualTo("DURATION");
        durations.add(where);
      }
    }
    spec.subcommands().values().forEach(sub -> walk(sub.getCommandSpec(), durations));
  }
}
