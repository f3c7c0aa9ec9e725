package dci.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The floor under bench/broadcast.sh: BLADES programs started at once from one JVM the way the
 * exec peerlet starts a run without variables of the caller's (as root: {@code setpriv} to the
 * exec account, then the program, with a clean environment; output to temporary files), with no
 * DCI code at all, N rounds. A cage runs its blades
 * in one JVM on this machine's cores, so a broadcast can be no faster than this.
 * Usage: java SpawnFloor.java ACCOUNT [BLADES] [N] (ACCOUNT "-": the program alone, unconfined)
 */
public final class SpawnFloor {
  private SpawnFloor() {}

  public static void main(String[] args) throws Exception {
    String account = args[0];
    int blades = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    List<String> line = account.equals("-") ? List.of("true")
        : List.of("setpriv", "--reuid=" + account, "--regid=" + account, "--clear-groups", "--no-new-privs", "--",
            "true");
    ExecutorService pool = Executors.newFixedThreadPool(blades);
    long[] t = new long[n];
    for (int i = -30; i < n; i++) {
      long t0 = System.nanoTime();
      List<Future<?>> runs = new ArrayList<>();
      for (int k = 0; k < blades; k++) {
        runs.add(pool.submit(() -> {
          Path out = Files.createTempFile("dci-floor", ".out");
          Path err = Files.createTempFile("dci-floor", ".err");
          ProcessBuilder pb = new ProcessBuilder(line).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(out.toFile()).redirectError(err.toFile());
          pb.environment().clear();
          pb.environment().putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8", "HOME", "/tmp",
              "USER", "_exec"));
          Process p = pb.start();
          boolean done = p.waitFor(10, TimeUnit.SECONDS);
          Files.delete(out);
          Files.delete(err);
          if (!done || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed");
          }
          return null;
        }));
      }
      for (Future<?> r : runs) {
        r.get();
      }
      if (i >= 0) {
        t[i] = System.nanoTime() - t0;
      }
    }
    pool.shutdown();
    Arrays.sort(t);
    System.out.printf("%.1f %.1f%n", t[n / 2] / 1e6, t[Math.min(n - 1, (int) (n * 0.99))] / 1e6);
  }
}
