package dci.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dci logout}: ends the session on every blade and forgets the saved token. */
@Command(name = "logout", mixinStandardHelpOptions = true,
    description = "End the session cluster-wide and remove the saved token.")
final class LogoutCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    DciCommand root = DciCommand.root(spec);
    Credentials saved = Credentials.load(root.env());
    String note = "";
    if (saved != null && saved.token() != null) {
      try {
        new ApiClient(root.apiUrl(), saved.token()).post("/api/logout", java.util.Map.of());
      } catch (CliError e) {
        note = " (the blade could not revoke it: " + e.getMessage() + ")";
      }
    }
    boolean removed = Credentials.delete(root.env());
    spec.commandLine().getOut().println(removed ? "logged out" + note : "not logged in");
    spec.commandLine().getOut().flush();
  }
}
