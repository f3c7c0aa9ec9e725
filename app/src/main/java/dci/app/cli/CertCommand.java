package dci.app.cli;

import dci.protocol.tls.CertView;
import dci.protocol.tls.IssueRequest;
import dci.protocol.tls.IssuedCert;
import dci.protocol.tls.RevokeRequest;
import dci.protocol.tls.Revocation;
import dci.hardware.SecretFile;
import dci.protocol.auth.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dci cert}: the cluster's blade certificates (admin). */
@Command(name = "cert", mixinStandardHelpOptions = true,
    description = {"Blade certificates from the cluster CA: join bundles for new blades, the list, revocation.",
        "Blades talk to each other over mutual TLS only; a node without a certificate from the",
        "cluster's CA never joins."},
    subcommands = {CertCommand.Issue.class, CertCommand.ListCerts.class, CertCommand.Revoke.class})
final class CertCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: issue, list or revoke");
  }

  @Command(name = "issue", mixinStandardHelpOptions = true,
      description = {"Make the join bundle of a new blade (or a new certificate for a blade: rotation):",
          "the cluster CA's certificate and the blade's key and certificate, written mode 600.",
          "Start the blade with: dci node --name NAME ... --join FILE"})
  static final class Issue implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--blade", required = true, paramLabel = "NAME", description = "The blade's name.")
    String blade;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the bundle.")
    Path out;

    @Option(names = "--host", paramLabel = "H",
        description = "An address or DNS name the blade's API is reached by (HTTPS); repeatable. Loopback is always in.")
    List<String> hosts = new ArrayList<>();

    @Override
    public void run() {
      Names.requireBladeName(blade);
      IssuedCert rsp = UsersCommand.client(spec).post("/api/cert/issue", new IssueRequest(blade, hosts, null),
          IssuedCert.class);
      try {
        SecretFile.write(out, rsp.bundle().strip());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the bundle to " + out + ": " + e.getMessage(), e);
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("blade", blade);
      json.put("serial", rsp.serial());
      json.put("fingerprint", rsp.fingerprint());
      json.put("notAfter", rsp.notAfter().toString());
      json.put("bundle", out.toAbsolutePath().toString());
      UsersCommand.report(spec, json, "join bundle of " + blade + " written to " + out + " (mode 600; it holds the "
          + "blade's private key)\nstart it with: dci node --name " + blade + " ... --join " + out);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the blade certificates and whether each is revoked.")
  static final class ListCerts implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      List<CertView> certs = Wire.list(UsersCommand.client(spec).get("/api/cert"), CertView.class);
      var out = spec.commandLine().getOut();
      if (DciCommand.root(spec).output() == DciCommand.Output.json) {
        Printer.json(out, certs);
        return;
      }
      Printer.rows(out, certs, List.<Printer.Cell<CertView>>of(
          new Printer.Cell<>("BLADE", r -> r.blade()),
          new Printer.Cell<>("SERIAL", r -> r.serial()),
          new Printer.Cell<>("NOT AFTER", r -> Printer.text(r.notAfter())),
          new Printer.Cell<>("CA", r -> r.caHolder() ? "holder" : "-"),
          new Printer.Cell<>("STATE", r -> r.revoked() ? "REVOKED" : "valid")));
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke every certificate of a blade: it is downed and refused on its next handshake.")
  static final class Revoke implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--blade", required = true, paramLabel = "NAME", description = "The blade to shut out.")
    String blade;

    @Override
    public void run() {
      Names.requireBladeName(blade);
      Revocation rsp = UsersCommand.client(spec).post("/api/cert/revoke", new RevokeRequest(blade), Revocation.class);
      List<String> serials = rsp.serials() == null ? List.of() : rsp.serials();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("blade", blade);
      json.put("serials", serials);
      json.put("downed", rsp.downed());
      UsersCommand.report(spec, json, "revoked " + serials.size() + " certificate(s) of " + blade
          + (rsp.downed() ? "; it is being downed" : "; it is not in the cluster now"));
    }
  }
}
