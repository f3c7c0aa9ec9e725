package dci.app.aims;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the host's own tools ({@code dpkg-query}, {@code systemctl}, {@code journalctl},
 * {@code clamscan}): no shell, stdin closed or fed, {@code LANG=C}, stdout and stderr each capped,
 * killed with its children at the timeout. Blocking: callers run it on the I/O executor.
 */
final class HostCommand {
  private HostCommand() {}

  /** How a command ended: exit status (-1: not started or killed), what it printed, whether it was cut. */
  record Result(int exit, String out, String err, boolean timedOut, boolean capped) {
    boolean ok() {
      return exit == 0 && !timedOut;
    }
  }

  /** Whether {@code tool} is an executable on the PATH (or an absolute executable path). */
  static boolean exists(String tool) {
    if (tool.contains("/")) {
      return Files.isExecutable(Path.of(tool));
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  static Result run(List<String> command, Duration timeout, int maxBytes) {
    return run(command, timeout, maxBytes, null, Map.of());
  }

  /** Runs {@code command}, feeding {@code stdin} (null: none) and adding {@code env} to a plain environment. */
  static Result run(List<String> command, Duration timeout, int maxBytes, byte[] stdin, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> e = pb.environment();
    String path = e.getOrDefault("PATH", "/usr/bin:/bin");
    e.clear();
    e.put("PATH", path + ":/usr/sbin:/sbin");
    e.put("LANG", "C");
    e.put("LC_ALL", "C");
    e.putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException ex) {
      return new Result(-1, "", "cannot start " + command.get(0) + ": " + ex.getMessage(), false, false);
    }
    Capped out = new Capped(maxBytes);
    Capped err = new Capped(16 * 1024);
    Thread o = pump(p.getInputStream(), out, "aims-out-" + p.pid());
    Thread r = pump(p.getErrorStream(), err, "aims-err-" + p.pid());
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    } catch (IOException ignored) {
      // the command does not read its input
    }
    try {
      boolean ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
      o.join(1000);
      r.join(1000);
      return new Result(ended ? p.exitValue() : -1, out.text(), err.text(), !ended, out.capped);
    } catch (InterruptedException ex) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return new Result(-1, out.text(), "interrupted", false, out.capped);
    }
  }

  private static Thread pump(InputStream in, Capped to, String name) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 * 1024];
      try (in) {
        for (int n; (n = in.read(buf)) >= 0; ) {
          to.write(buf, n);
        }
      } catch (IOException ignored) {
        // closed when the command is killed
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static final class Capped {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int max;
    private volatile boolean capped;

    Capped(int max) {
      this.max = max;
    }

    synchronized void write(byte[] b, int n) {
      int room = max - bytes.size();
      if (n > room) {
        capped = true;
      }
      if (room > 0) {
        bytes.write(b, 0, Math.min(room, n));
      }
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
