package dci.app.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each installed package's processes, counted from the real process table. */
class PackageProcessesTest {
  @TempDir Path root;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void aProcessCountsForThePackageHoldingItsProgramOrItsWorkingFolderAndAnIdlePackageForNone() throws Exception {
    Path demo = Files.createDirectories(root.resolve("demo/data"));
    Path tool = Files.createDirectories(root.resolve("tool/bin"));
    Files.createDirectories(root.resolve("idle"));
    Files.createDirectories(root.resolve(".staging/demo-1"));
    Path sleep = Files.copy(Path.of("/bin/sleep"), tool.resolve("sleep"));
    sleep.toFile().setExecutable(true);
    started.add(new ProcessBuilder("sleep", "60").directory(demo.toFile()).start());
    started.add(new ProcessBuilder("sleep", "60").directory(demo.toFile()).start());
    started.add(new ProcessBuilder(sleep.toString(), "60").directory(root.getParent().toFile()).start());
    started.add(new ProcessBuilder("sleep", "60").directory(root.resolve(".staging/demo-1").toFile()).start());

    var n = new PackageProcesses(root).count();

    assertThat(n).containsOnlyKeys("demo", "tool", "idle");
    assertThat(n.get("demo")).isEqualTo(2.0);
    assertThat(n.get("tool")).isEqualTo(1.0);
    assertThat(n.get("idle")).isZero();
  }

  @Test
  void nothingInstalledCountsNothing() {
    assertThat(new PackageProcesses(root.resolve("absent")).count()).isEmpty();
  }
}
