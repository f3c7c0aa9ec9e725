package dci.app.cli;

import dci.actors.auth.UserRegistry;
import dci.app.node.BladeNode;
import java.io.PrintWriter;

/** What {@code dci node} and {@code dci cage} print while blades start. */
final class Launch {
  private Launch() {}

  static void describe(PrintWriter out, BladeNode node) {
    var s = node.settings();
    out.printf("%-10s artery %s:%d  api %s  data %s%n", s.name(), s.host(), s.port(), node.apiUrl(), s.dataDir());
    out.flush();
  }

  static void bootstrap(PrintWriter out, UserRegistry.BootstrapResult result) {
    if (result instanceof UserRegistry.AdminCreated c) {
      out.printf("new cluster: admin password written to %s (mode 600)%n", c.passwordFile());
    } else if (result instanceof UserRegistry.AlreadyInitialized i) {
      out.printf("existing cluster data: %d user(s) loaded%n", i.users());
    } else if (result instanceof UserRegistry.BootstrapFailed f) {
      throw new CliError(CliError.FAILED, "cannot create the admin user: " + f.message());
    }
    out.flush();
  }

  static String seconds(long startNanos) {
    return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }
}
