package dci.app.cli;

import dci.protocol.api.LoginRequest;
import dci.protocol.api.LoginResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dci login}: gets a token and saves it for the other commands. */
@Command(name = "login", mixinStandardHelpOptions = true,
    description = "Log in to the cluster through any blade and save the token (mode 600).")
final class LoginCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-u", "--user"}, required = true, paramLabel = "USER", description = "User name.")
  String user;

  @Option(names = "--domain", paramLabel = "DOMAIN", description = "Login domain (optional).")
  String domain;

  @Option(names = "--print-token", description = "Also print the token (for DCI_TOKEN in scripts).")
  boolean printToken;

  @Option(names = "--cacert", paramLabel = "FILE",
      description = {"The cluster CA's certificate (DATA/tls/ca.crt of a blade) to trust for HTTPS blades; kept",
          "beside the credentials. Without it, an HTTPS blade's CA is trusted on first use, its",
          "fingerprint printed."})
  java.nio.file.Path cacert;

  @Mixin PasswordInput password;

  @Override
  public void run() {
    DciCommand root = DciCommand.root(spec);
    trust(root);
    String pw = password.read("Password for " + user + ": ");
    LoginResponse rsp = new ApiClient(root.apiUrl(), null).post("/api/login", new LoginRequest(user, pw, domain),
        LoginResponse.class);
    String token = rsp.token();
    Instant expires = rsp.expiresAt();
    new Credentials(root.apiUrl(), user, token, expires).save(root.env());
    var out = spec.commandLine().getOut();
    if (root.output() == DciCommand.Output.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("user", rsp.user());
      m.put("role", rsp.role());
      m.put("url", root.apiUrl());
      m.put("expiresAt", expires.toString());
      m.put("credentials", Credentials.file(root.env()).toString());
      if (printToken) {
        m.put("token", token);
      }
      Printer.json(out, m);
    } else if (printToken) {
      out.println(token);
    } else {
      out.printf("logged in to %s as %s (%s); session valid until %s%n",
          root.apiUrl(), rsp.user(), rsp.role(), expires);
    }
    out.flush();
  }

  private void trust(DciCommand root) {
    if (cacert != null) {
      try {
        String fp = CliTrust.keep(java.nio.file.Files.readString(cacert, java.nio.charset.StandardCharsets.US_ASCII));
        spec.commandLine().getErr().printf("trusting the cluster CA %s (SHA-256 %s)%n", cacert, fp);
      } catch (java.io.IOException e) {
        throw new CliError(CliError.USAGE, "cannot read --cacert " + cacert + ": " + e.getMessage());
      }
    } else if (root.apiUrl().startsWith("https:") && CliTrust.trusted() == null) {
      var ca = CliTrust.firstUse(root.apiUrl());
      String fp = CliTrust.keep(dci.actors.tls.Pem.of(ca));
      spec.commandLine().getErr().printf("trusting the cluster CA of %s on first use: SHA-256 %s%n"
          + "  (kept in %s; compare with `openssl x509 -noout -fingerprint -sha256 -in DATA/tls/ca.crt` on a blade)%n",
          root.apiUrl(), fp, CliTrust.caFile(root.env()));
    }
    spec.commandLine().getErr().flush();
  }
}
