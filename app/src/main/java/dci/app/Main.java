package dci.app;

import dci.app.cli.DciCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of {@code bin/dci}. */
public final class Main {
  /**
   * On a machine with 2 cores the common pool has a parallelism of 1, and then every async
   * continuation of a {@code CompletableFuture} runs on a new thread. Scala's futures turned
   * into Java ones (every Pekko ask) make their continuations async, so each ask answered
   * started and ended a thread: dozens a second when idle, thousands under load. Set before
   * anything touches the pool.
   */
  static final String COMMON_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private Main() {}

  public static void main(String[] args) {
    if (System.getProperty(COMMON_PARALLELISM) == null) {
      System.setProperty(COMMON_PARALLELISM, String.valueOf(Math.max(4, Runtime.getRuntime().availableProcessors())));
    }
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = DciCommand.commandLine(System.getenv(), out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
