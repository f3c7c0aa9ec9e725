package dci.app.aims;

import dci.protocol.aims.MaintenanceJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a maintenance job runs on the host: {@code fstrim} of the file system holding the blade's
 * data, {@code memtester} over a capped amount of memory (one loop), {@code apt-get clean}, or an
 * operator's command ({@code sh -c}, set by admins only). Blocking.
 */
final class MaintenanceTask {
  static final List<String> TASKS = List.of("fstrim", "memtest", "apt-clean", "command");
  private final Path data;
  private final int memtestMaxMb;
  private final Duration timeout;

  MaintenanceTask(Path data, int memtestMaxMb, Duration timeout) {
    this.data = data;
    this.memtestMaxMb = memtestMaxMb;
    this.timeout = timeout;
  }

  /** Whether it worked and the end of what it printed. */
  record Ran(boolean ok, String output) {}

  Ran run(MaintenanceJob job) {
    List<String> cmd = new ArrayList<>();
    switch (job.task()) {
      case "fstrim" -> {
        var mount = HostCommand.run(List.of("findmnt", "-n", "-o", "TARGET", "--target", data.toString()),
            Duration.ofSeconds(10), 4096);
        cmd.addAll(List.of("fstrim", "-v", mount.ok() ? mount.out().strip() : data.toString()));
      }
      case "memtest" -> {
        if (!HostCommand.exists("memtester")) {
          return new Ran(false, "memtester is not installed (apt-get install memtester)");
        }
        int mb = Math.max(1, Math.min(job.memtestMb() <= 0 ? 16 : job.memtestMb(), memtestMaxMb));
        cmd.addAll(List.of("memtester", mb + "M", "1"));
      }
      case "apt-clean" -> cmd.addAll(List.of("apt-get", "clean"));
      case "command" -> cmd.addAll(List.of("/bin/sh", "-c", job.command()));
      default -> {
        return new Ran(false, "unknown task " + job.task());
      }
    }
    var r = HostCommand.run(cmd, timeout, 1 << 20, null, Map.of());
    String text = (r.out() + (r.err().isBlank() ? "" : "\n" + r.err())).strip();
    String tail = text.length() > 2000 ? "…" + text.substring(text.length() - 2000) : text;
    if (r.timedOut()) {
      return new Ran(false, tail + "\n[killed after " + timeout.toSeconds() + " s]");
    }
    return new Ran(r.ok(), r.ok() ? tail : "exit " + r.exit() + (tail.isEmpty() ? "" : ": " + tail));
  }
}
