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

  /**
   * Picocli looks up Groovy's {@code Closure} once; on a class path of some ninety jars that miss
   * opens every jar (about 40 ms of each CLI call). DCI has no Groovy.
   */
  public static void quietPicocli() {
    if (System.getProperty("picocli.disable.closures") == null) {
      System.setProperty("picocli.disable.closures", "true");
    }
  }

  /** See {@link #COMMON_PARALLELISM}. */
  public static void commonPool() {
    if (System.getProperty(COMMON_PARALLELISM) == null) {
      System.setProperty(COMMON_PARALLELISM, String.valueOf(Math.max(4, Runtime.getRuntime().availableProcessors())));
    }
  }

  public static void main(String[] args) {
    quietPicocli();
    commonPool();
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = DciCommand.commandLine(System.getenv(), out, err, args).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
