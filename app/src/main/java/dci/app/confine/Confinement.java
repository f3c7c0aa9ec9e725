package dci.app.confine;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How a blade runs a user's programs (desk commands and shells, exec runs) so they cannot read
 * outside that user's home: not {@code DATA/admin.password}, not {@code DATA/replicated}, not
 * another user's home.
 *
 * <ul>
 *   <li>{@link OsAccounts} when the blade runs as root: each user runs as an unprivileged OS
 *       account of its own, made on first use, its home owned by it and nothing else of DATA
 *       reachable (DATA is mode 700).
 *   <li>{@link Sandbox} otherwise: bubblewrap hides DATA but the home, where user namespaces
 *       allow it.
 *   <li>{@link Unconfined} only when {@code dci.desk.unsandboxed = on} is set (then
 *       {@code dci status} shows a warning); without it desks and exec runs are refused.
 * </ul>
 */
public interface Confinement {

  /** A program cannot be run confined here (and unconfined runs are not allowed). */
  final class Refused extends IOException {
    public Refused(String message) {
      super(message);
    }
  }

  /**
   * Makes {@code home} ready for {@code account} (created, owned by the account) and answers how
   * to run {@code command} confined to it, in its home, with a clean environment of HOME, USER,
   * PATH, LANG and {@code env}. The caller's {@code env} (keys checked) never reaches the wrapper,
   * which may run as root. Blocking: call on the I/O dispatcher.
   */
  Launch wrap(String account, Path home, java.util.Map<String, String> env, List<String> command)
      throws IOException;

  /** What a wrapper itself starts with when it sets the program's environment: nothing of the caller's. */
  static java.util.Map<String, String> wrapperEnvironment() {
    return java.util.Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8");
  }

  /** The environment a confined program starts with: the basics, then the caller's (checked) variables. */
  static java.util.Map<String, String> environment(String account, Path home, java.util.Map<String, String> env) {
    java.util.Map<String, String> all = new java.util.TreeMap<>();
    all.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    all.put("LANG", "C.UTF-8");
    for (var e : env.entrySet()) {
      if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]{0,127}") || e.getKey().startsWith("LD_")
          || e.getValue().indexOf('\0') >= 0) {
        throw new IllegalArgumentException("environment variable '" + dci.protocol.auth.Names.printable(e.getKey())
            + "' is not allowed");
      }
      all.put(e.getKey(), e.getValue());
    }
    all.put("HOME", home.toString());
    all.put("USER", account);
    return all;
  }

  /** A warning for {@code dci status} when runs are not confined, else null. */
  default String warning() {
    return null;
  }

  /** The confinement of the blade whose configuration this is (decided once per blade). */
  static Confinement of(Config config) {
    Path data = Path.of(config.getString("dci.blade.data")).toAbsolutePath().normalize();
    return Chosen.BY_BLADE.computeIfAbsent(data, d -> fromConfig(config, d));
  }

  /** The chosen confinement of each blade in this process. */
  final class Chosen {
    static final java.util.concurrent.ConcurrentHashMap<Path, Confinement> BY_BLADE =
        new java.util.concurrent.ConcurrentHashMap<>();

    private Chosen() {}
  }

  /** What this blade uses: chosen by {@code dci.desk.confine} (auto: by what the host allows). */
  static Confinement fromConfig(Config config, Path dataDir) {
    String mode = config.getString("dci.desk.confine");
    boolean unsandboxed = config.getBoolean("dci.desk.unsandboxed");
    return switch (mode) {
      case "accounts" -> new OsAccounts(dataDir);
      case "sandbox" -> Sandbox.usable(config.getString("dci.desk.bwrap"))
          ? new Sandbox(dataDir, config.getString("dci.desk.bwrap")) : fallback(unsandboxed, "bubblewrap is not usable here");
      case "auto" -> OsAccounts.isRoot() ? new OsAccounts(dataDir)
          : Sandbox.usable(config.getString("dci.desk.bwrap")) ? new Sandbox(dataDir, config.getString("dci.desk.bwrap"))
          : fallback(unsandboxed, "the blade does not run as root and bubblewrap (Debian: bubblewrap) is not usable");
      default -> throw new IllegalArgumentException("dci.desk.confine must be auto, accounts or sandbox, not '" + mode + "'");
    };
  }

  private static Confinement fallback(boolean unsandboxed, String why) {
    return unsandboxed ? new Unconfined(why) : new Refusing(why);
  }
}
