package dci.app.cli;

import dci.actors.auth.PasswordHasher;
import dci.protocol.api.Done;
import dci.protocol.api.NewUser;
import dci.protocol.api.PasswordChange;
import dci.protocol.api.UserView;
import dci.protocol.auth.Names;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci users}: cluster-wide user management (admin). */
@Command(name = "users", mixinStandardHelpOptions = true,
    description = "Manage users (cluster-wide; created through any blade, valid on every blade).",
    subcommands = {UsersCommand.Add.class, UsersCommand.Remove.class, UsersCommand.ListUsers.class,
        UsersCommand.Passwd.class})
final class UsersCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: add, remove, list or passwd");
  }

  static ApiClient client(CommandLine.Model.CommandSpec spec) {
    DciCommand root = DciCommand.root(spec);
    return new ApiClient(root.apiUrl(), Credentials.token(root.env()));
  }

  static void report(CommandLine.Model.CommandSpec spec, Map<String, Object> json, String line) {
    var out = spec.commandLine().getOut();
    if (DciCommand.root(spec).output() == DciCommand.Output.json) {
      Printer.json(out, json);
    } else {
      out.println(line);
      out.flush();
    }
  }

  /** What a change prints as JSON: the user and the blade's sentence. */
  private static Map<String, Object> message(String user, Done rsp) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("user", user);
    json.put("message", rsp.message());
    return json;
  }

  static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add a user. Without a password option a random one is generated and printed once.")
  static final class Add implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "USER") String user;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, operator or viewer.")
    String role;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Login domain (default: local).")
    String domain;

    @Mixin PasswordInput password;

    @Override
    public void run() {
      Names.requireUser(user);
      dci.protocol.auth.Role.parse(role);
      boolean generated = password.absent();
      String pw = generated ? PasswordHasher.randomPassword(20) : password.read(null);
      Done rsp = client(spec).post("/api/users", new NewUser(user, pw, role, domain), Done.class);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("user", user);
      json.put("role", role.toLowerCase(java.util.Locale.ROOT));
      json.put("message", rsp.message());
      if (generated) {
        json.put("password", pw);
      }
      report(spec, json, rsp.message() + (generated ? "\ngenerated password: " + pw : ""));
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user; their sessions end.")
  static final class Remove implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "USER") String user;

    @Override
    public void run() {
      Done rsp = Wire.read(client(spec).delete("/api/users/" + encode(user)), Done.class);
      report(spec, message(user, rsp), rsp.message());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
  static final class ListUsers implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      List<UserView> users = Wire.list(client(spec).get("/api/users"), UserView.class);
      var out = spec.commandLine().getOut();
      if (DciCommand.root(spec).output() == DciCommand.Output.json) {
        Printer.json(out, users);
        return;
      }
      Printer.rows(out, users, List.<Printer.Cell<UserView>>of(
          new Printer.Cell<>("USER", r -> Printer.text(r.user())),
          new Printer.Cell<>("DOMAIN", r -> Printer.text(r.domain())),
          new Printer.Cell<>("ROLE", r -> Printer.text(r.role())),
          new Printer.Cell<>("CREATED", r -> Printer.text(r.createdAt()))));
    }
  }

  @Command(name = "passwd", mixinStandardHelpOptions = true,
      description = "Change a password (admins: anyone's; others: their own). Ends the user's sessions.")
  static final class Passwd implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "USER") String user;

    @Mixin PasswordInput password;

    @Option(names = "--current-password-file", paramLabel = "FILE",
        description = "Your current password (needed to change your own), from the first line of FILE; "
            + "prompted for on a terminal otherwise.")
    java.nio.file.Path currentFile;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      Credentials saved = Credentials.load(root.env());
      String current = null;
      if (currentFile != null || (saved != null && user.equals(saved.user()))) {
        current = currentPassword();
      }
      String pw = password.read("New password for " + user + ": ");
      Done rsp = client(spec).put("/api/users/" + encode(user) + "/password", new PasswordChange(pw, current),
          Done.class);
      report(spec, message(user, rsp), rsp.message());
    }

    private String currentPassword() {
      if (currentFile != null) {
        try {
          return dci.hardware.SecretFile.read(currentFile);
        } catch (java.io.IOException e) {
          throw new CliError(CliError.USAGE, "cannot read --current-password-file " + currentFile + ": " + e.getMessage());
        }
      }
      java.io.Console console = System.console();
      if (console == null) {
        throw new CliError(CliError.USAGE, "changing your own password needs the current one: --current-password-file FILE");
      }
      char[] pw = console.readPassword("Current password of %s: ", user);
      return pw == null ? null : new String(pw);
    }
  }
}
