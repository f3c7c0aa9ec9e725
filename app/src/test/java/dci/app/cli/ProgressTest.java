package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one progress display: a bar redrawn in place on a terminal, nothing elsewhere, report lines always. */
class ProgressTest {
  private static final long MS = 1_000_000L;
  private final StringWriter err = new StringWriter();
  private final AtomicLong now = new AtomicLong();

  private Progress progress(boolean draw) {
    return new Progress(new PrintWriter(err, true), draw, now::get);
  }

  @Test
  void aBarOnATerminalUnlessTheOutputIsJsonOrItIsForced() {
    assertThat(Progress.shows(false, true, DciCommand.Output.table)).isTrue();
    assertThat(Progress.shows(false, true, DciCommand.Output.json)).isFalse();
    assertThat(Progress.shows(false, false, DciCommand.Output.table)).isFalse();
    assertThat(Progress.shows(true, false, DciCommand.Output.json)).isTrue();
  }

  @Test
  void withoutABarOnlyTheReportLinesArePrinted() {
    try (Progress p = progress(false)) {
      p.show("put", 10, 100, () -> "detail");
      p.line("blade-2      ok        installed");
      p.show("put", 100, 100, () -> "detail");
    }
    assertThat(err.toString()).isEqualTo("blade-2      ok        installed" + System.lineSeparator());
  }

  @Test
  void theBarIsRedrawnInPlaceAtMostTenTimesASecondAndAtTheEnd() {
    Progress p = progress(true);
    p.show("drain", 1, 4, () -> "3 left");
    p.show("drain", 2, 4, () -> "2 left");
    assertThat(err.toString()).isEqualTo("\r" + Progress.bar("drain", 1, 4, "3 left"));
    now.addAndGet(100 * MS);
    p.show("drain", 3, 4, () -> "1 left");
    assertThat(err.toString()).endsWith("\r" + Progress.bar("drain", 3, 4, "1 left"));
    p.show("drain", 4, 4, () -> "done");
    assertThat(err.toString()).as("spaces wipe what the shorter line leaves")
        .endsWith("\r" + Progress.bar("drain", 4, 4, "done") + "  ").containsOnlyOnce("1 left");
    p.close();
    assertThat(err.toString()).endsWith(Progress.bar("drain", 4, 4, "done") + System.lineSeparator());
    assertThat(Progress.bar("drain", 3, 4, "1 left")).isEqualTo("drain   [" + "=".repeat(22) + " ".repeat(8) + "]  75% 1 left");
    assertThat(Progress.bar("get", 5, -1, "?")).isEqualTo("get     [" + " ".repeat(30) + "]      ?");
  }

  @Test
  void aReportLineWipesTheBarWhichComesBackUnderIt() {
    Progress p = progress(true);
    p.show("install", 0, 2, () -> "tool: 0 of 2 blades answered");
    int width = Progress.bar("install", 0, 2, "tool: 0 of 2 blades answered").length();
    p.line("blade-1      ok");
    p.show("install", 1, 2, () -> "tool: 1 of 2 blades answered");
    assertThat(err.toString()).endsWith("\r" + " ".repeat(width) + "\rblade-1      ok" + System.lineSeparator() + "\r"
        + Progress.bar("install", 1, 2, "tool: 1 of 2 blades answered"));
  }

  @Test
  void aTrackedStreamShowsTheBytesReadAndEndsTheBarWhenClosed() throws Exception {
    Progress p = progress(true);
    byte[] data = new byte[3 << 20];
    try (InputStream in = p.track(new ByteArrayInputStream(data), data.length, "get")) {
      now.addAndGet(1000 * MS);
      assertThat(in.readAllBytes()).hasSize(data.length);
    }
    assertThat(err.toString()).endsWith(Progress.bar("get", data.length, data.length, "3.0 / 3.0 MiB  3.0 MiB/s")
        + System.lineSeparator());
  }

  @Test
  void everyLongCommandTakesProgress() {
    CommandLine cl = DciCommand.commandLine(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err));
    for (List<String> cmd : List.of(List.of("vnas", "put"), List.of("vnas", "get"), List.of("vnas", "drain"),
        List.of("package", "publish"), List.of("backup", "run"), List.of("backup", "restore"), List.of("backup", "check"),
        List.of("install"), List.of("uninstall"), List.of("follow"))) {
      CommandLine sub = cl;
      for (String name : cmd) {
        sub = sub.getSubcommands().get(name);
      }
      assertThat(sub.getCommandSpec().findOption("--progress")).as(String.join(" ", cmd)).isNotNull();
    }
  }
}
