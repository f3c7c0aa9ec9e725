package dci.app.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command for a step: no shell, stdin closed, stdout and stderr merged into a
 * {@link CappedOutput}, a clean environment, and a timeout after which the command and its
 * children are killed. Blocking: callers run it off the actor threads.
 */
final class ProcessRunner {
  /** How long to wait for the output after the command has ended (children may hold it open). */
  private static final long DRAIN_MILLIS = 1000;

  /**
   * How a command ended.
   *
   * @param exitCode its exit status, or -1 if it did not end by itself or could not start
   * @param timedOut whether it was killed at its timeout
   * @param output what it printed, capped; or why it could not start
   */
  record Outcome(int exitCode, boolean timedOut, String output) {
    boolean ok() {
      return exitCode == 0 && !timedOut;
    }
  }

  private ProcessRunner() {}

  static Outcome run(List<String> command, Path dir, Map<String, String> env, int timeoutSeconds, int maxOutput) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new Outcome(-1, false, "cannot start " + command.get(0) + ": " + e.getMessage());
    }
    CappedOutput out = new CappedOutput(maxOutput);
    Thread pump = new Thread(() -> pump(p.getInputStream(), out), "install-output-" + p.pid());
    pump.setDaemon(true);
    pump.start();
    try {
      p.getOutputStream().close();
    } catch (IOException ignored) {
      // the command does not read stdin
    }
    try {
      boolean ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!ended) {
        kill(p);
      }
      pump.join(DRAIN_MILLIS);
      String text = out.text();
      if (!ended) {
        return new Outcome(-1, true, text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n")
            + "[killed after " + timeoutSeconds + " s]");
      }
      return new Outcome(p.exitValue(), false, text);
    } catch (InterruptedException e) {
      kill(p);
      Thread.currentThread().interrupt();
      return new Outcome(-1, false, out.text() + "\n[interrupted]");
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pump(InputStream in, CappedOutput out) {
    byte[] buf = new byte[8192];
    try (in) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
      }
    } catch (IOException ignored) {
      // the stream closes when the command is killed
    }
  }
}
