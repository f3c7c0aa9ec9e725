package dci.app.confine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A blade not running as root runs each user's programs in a bubblewrap sandbox: the host's
 * file system read-only, DATA replaced by an empty directory but for the user's home (read and
 * write), its own /tmp, /proc and /dev, new namespaces but the network.
 */
final class Sandbox implements Confinement {
  private final Path dataDir;
  private final String bwrap;

  Sandbox(Path dataDir, String bwrap) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.bwrap = bwrap;
  }

  /** True when {@code bwrap} runs a program here (installed, and user namespaces allowed). */
  static boolean usable(String bwrap) {
    try {
      Process p = new ProcessBuilder(bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--unshare-all", "true")
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public Launch wrap(String account, Path home, java.util.Map<String, String> env, List<String> command)
      throws IOException {
    java.util.Map<String, String> clean = Confinement.environment(account, home, env);
    Files.createDirectories(home);
    String h = home.toAbsolutePath().normalize().toString();
    List<String> line = new ArrayList<>(List.of(bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
        "--tmpfs", "/tmp", "--tmpfs", dataDir.toString(), "--bind", h, h, "--chdir", h,
        "--unshare-all", "--share-net", "--die-with-parent", "--new-session", "--clearenv"));
    clean.forEach((k, v) -> line.addAll(List.of("--setenv", k, v)));
    line.add("--");
    line.addAll(command);
    return new Launch(line, Confinement.wrapperEnvironment());
  }
}
