package dci.app.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code dci shell} process on a pseudo-terminal: util-linux {@code script} gives it a
 * terminal of its own and passes on what the test types, so JLine reads keys (Tab, Ctrl-C)
 * exactly as from a person at a terminal. Everything the terminal shows is kept for assertions.
 */
final class ShellTerminal implements AutoCloseable {
  private final Process process;
  private final OutputStream keys;
  private final StringBuffer screen = new StringBuffer();
  private int mark;

  private ShellTerminal(Process process) {
    this.process = process;
    this.keys = process.getOutputStream();
    Thread reader = new Thread(() -> {
      byte[] buf = new byte[8192];
      try (InputStream in = process.getInputStream()) {
        for (int n; (n = in.read(buf)) > 0; ) {
          screen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
      } catch (IOException gone) {
        // the process ended
      }
    }, "shell-terminal");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code dci shell} with {@code env} (DCI_URL, DCI_TOKEN, XDG_CONFIG_HOME) in {@code dir}. */
  static ShellTerminal start(Map<String, String> env, Path dir) throws IOException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // exec: no shell stays between script and java to take the Ctrl-C as its own death (script -e would report 130)
    String command = String.join(" ", List.of("exec", quote(java), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        quote(cp), "dci.app.Main", "shell"));
    ProcessBuilder pb = new ProcessBuilder("script", "-qfec", command, "/dev/null").directory(dir.toFile())
        .redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("TERM", "xterm");
    pb.environment().put("COLUMNS", "200");
    return new ShellTerminal(pb.start());
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** Types {@code text} as keys (use {@code \r} for Enter, {@code \t} for Tab, {@code \u0003} for Ctrl-C). */
  void type(String text) throws IOException {
    keys.write(text.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  /** Waits until the terminal shows {@code text} after what earlier waits consumed, then consumes up to it. */
  String awaitShown(String text, Duration within) {
    String[] seen = {null};
    try {
      await().atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> {
      String s = screen.substring(mark);
      int at = s.indexOf(text);
      if (at < 0) {
        return false;
      }
      seen[0] = s.substring(0, at + text.length());
      return true;
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("the terminal did not show '" + text + "' within " + within + "; it shows:\n"
          + screen.substring(mark), e);
    }
    mark += seen[0].length();
    return seen[0];
  }

  String screen() {
    return screen.toString();
  }

  /** Waits for the shell to end and gives its exit status. */
  int awaitExit(Duration within) throws InterruptedException {
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the shell did not end; the terminal shows:\n" + screen);
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
