package dci.app.cli;

import dci.protocol.vnas.LsEntry;
import dci.protocol.vnas.ScrubReport;
import dci.protocol.vnas.StatView;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dci vnas ...}: the pooled volume. */
@Command(name = "vnas", mixinStandardHelpOptions = true,
    description = "The pooled, replicated volume every blade serves over WebDAV at /vnas/.",
    subcommands = {VnasPutGet.Put.class, VnasPutGet.Get.class, VnasCommand.Ls.class, VnasCommand.Mkdir.class,
        VnasCommand.Rm.class, VnasCommand.Stat.class, VnasCommand.Df.class, VnasDrainCommand.class,
        VnasCommand.Scrub.class, VnasRuleCommand.class})
final class VnasCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: put, get, ls, mkdir, rm, stat, "
        + "df, drain, scrub or rule");
  }

  static String q(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  static ApiClient api(DciCommand root) {
    return new ApiClient(root.apiUrl(), Credentials.token(root.env()));
  }

  @Command(name = "ls", mixinStandardHelpOptions = true, description = "List a collection (default /).")
  static final class Ls implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", arity = "0..1", defaultValue = "/", paramLabel = "PATH") String path;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      List<LsEntry> rows = Wire.list(api(root).get("/api/vnas/ls?path=" + q(path)), LsEntry.class);
      var out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, rows);
        return;
      }
      Printer.rows(out, rows, List.<Printer.Cell<LsEntry>>of(
          new Printer.Cell<>("NAME", r -> r.name() + (r.collection() ? "/" : "")),
          new Printer.Cell<>("SIZE", r -> r.collection() ? "-" : Printer.bytes(r.size())),
          new Printer.Cell<>("VERSION", r -> Printer.text(r.version())),
          new Printer.Cell<>("MODIFIED", r -> java.time.Instant.ofEpochMilli(r.modified()).toString())));
    }
  }

  @Command(name = "mkdir", mixinStandardHelpOptions = true, description = "Make a collection.")
  static final class Mkdir implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Option(names = "-p", description = "Make missing parents too; no error if it exists.") boolean parents;
    @Parameters(index = "0", paramLabel = "PATH") String path;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      VnasTransfer t = new VnasTransfer(root.apiUrl(), Credentials.token(root.env()));
      StringBuilder at = new StringBuilder();
      String[] parts = path.split("/");
      for (int i = 0; i < parts.length; i++) {
        if (parts[i].isEmpty()) {
          continue;
        }
        at.append('/').append(parts[i]);
        boolean last = i == parts.length - 1;
        if (!parents && !last) {
          continue;
        }
        try {
          t.send("MKCOL", at.toString(), HttpRequest.BodyPublishers.noBody());
        } catch (CliError e) {
          if (!parents || !e.getMessage().contains("405")) {
            throw e;
          }
        }
      }
      Printer.json(spec.commandLine().getOut(), java.util.Map.of("created", path));
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete a file or a collection and all below it.")
  static final class Rm implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "PATH") String path;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      new VnasTransfer(root.apiUrl(), Credentials.token(root.env()))
          .send("DELETE", path, HttpRequest.BodyPublishers.noBody());
      Printer.json(spec.commandLine().getOut(), java.util.Map.of("deleted", path));
    }
  }

  @Command(name = "stat", mixinStandardHelpOptions = true,
      description = "Size, version and each stripe of a file with the blades holding it.")
  static final class Stat implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "PATH") String path;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      StatView s = api(root).get("/api/vnas/stat?path=" + q(path), StatView.class);
      var out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, s);
        return;
      }
      out.printf("%s  %s  size %d  version %d  etag %s%n", s.path(), s.collection() ? "collection" : "file",
          s.size(), s.version(), s.etag());
      Printer.rows(out, s.stripes(), List.<Printer.Cell<StatView.Stripe>>of(
          new Printer.Cell<>("STRIPE", r -> Printer.text(r.index())),
          new Printer.Cell<>("ID", r -> r.hash().substring(0, 16)),
          new Printer.Cell<>("SIZE", r -> Printer.bytes(r.size())),
          new Printer.Cell<>("BLADES", r -> Printer.text(r.blades()))));
    }
  }

  @Command(name = "df", mixinStandardHelpOptions = true, description = "Per blade: contributed, used and free bytes.")
  static final class Df implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      dci.protocol.vnas.Df df = api(root).get("/api/vnas/df", dci.protocol.vnas.Df.class);
      var out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, df);
        return;
      }
      Printer.rows(out, df.blades(), List.<Printer.Cell<dci.protocol.vnas.Df.Row>>of(
          new Printer.Cell<>("BLADE", r -> r.blade()),
          new Printer.Cell<>("STATUS", r -> r.status()),
          new Printer.Cell<>("CONTRIBUTED", r -> Printer.bytes(r.contributed())),
          new Printer.Cell<>("USED", r -> Printer.bytes(r.used())),
          new Printer.Cell<>("FREE", r -> Printer.bytes(r.free())),
          new Printer.Cell<>("STRIPES", r -> Printer.text(r.stripes())),
          new Printer.Cell<>("DRAINING", r -> Printer.text(r.draining()))));
      out.printf("total (live blades): contributed %s, used %s, free %s%n", Printer.bytes(df.contributed()),
          Printer.bytes(df.used()), Printer.bytes(df.free()));
    }
  }

  @Command(name = "scrub", mixinStandardHelpOptions = true,
      description = "Verify every stripe on every blade; repair corrupt or missing ones from replicas.")
  static final class Scrub implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      ScrubReport r = api(root).post("/api/vnas/scrub", java.util.Map.of(), ScrubReport.class);
      var out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, r);
        return;
      }
      Printer.rows(out, r.blades(), List.<Printer.Cell<ScrubReport.Blade>>of(
          new Printer.Cell<>("BLADE", x -> x.blade()),
          new Printer.Cell<>("CHECKED", x -> Printer.text(x.checked())),
          new Printer.Cell<>("CORRUPT", x -> Printer.text(x.corrupt())),
          new Printer.Cell<>("MISSING", x -> Printer.text(x.missing())),
          new Printer.Cell<>("REPAIRED", x -> Printer.text(x.repaired())),
          new Printer.Cell<>("UNREPAIRED", x -> Printer.text(x.unrepaired()))));
      out.printf("checked %d stripes: %d corrupt, %d missing, %d repaired%n", r.checked(), r.corrupt(), r.missing(),
          r.repaired());
    }
  }
}
