package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
        VnasCommand.Scrub.class})
final class VnasCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: put, get, ls, mkdir, rm, stat, "
        + "df, drain or scrub");
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
      JsonNode rows = api(root).get("/api/vnas/ls?path=" + q(path));
      var out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, rows);
        return;
      }
      Printer.table(out, rows, List.of(
          new Printer.Column("NAME", r -> Printer.text(r, "name") + (r.get("collection").asBoolean() ? "/" : "")),
          new Printer.Column("SIZE", r -> r.get("collection").asBoolean() ? "-" : Printer.bytes(r, "size")),
          new Printer.Column("VERSION", r -> Printer.text(r, "version")),
          new Printer.Column("MODIFIED", r -> java.time.Instant.ofEpochMilli(r.get("modified").asLong()).toString())));
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
      JsonNode s = api(root).get("/api/vnas/stat?path=" + q(path));
      var out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, s);
        return;
      }
      out.printf("%s  %s  size %s  version %s  etag %s%n", s.get("path").asText(),
          s.get("collection").asBoolean() ? "collection" : "file", s.get("size").asText(), s.get("version").asText(),
          s.get("etag").asText());
      Printer.table(out, s.get("stripes"), List.of(
          new Printer.Column("STRIPE", r -> Printer.text(r, "index")),
          new Printer.Column("ID", r -> r.get("hash").asText().substring(0, 16)),
          new Printer.Column("SIZE", r -> Printer.bytes(r, "size")),
          new Printer.Column("BLADES", r -> Printer.text(r, "blades"))));
    }
  }

  @Command(name = "df", mixinStandardHelpOptions = true, description = "Per blade: contributed, used and free bytes.")
  static final class Df implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      JsonNode df = api(root).get("/api/vnas/df");
      var out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, df);
        return;
      }
      Printer.table(out, df.get("blades"), List.of(
          new Printer.Column("BLADE", r -> Printer.text(r, "blade")),
          new Printer.Column("STATUS", r -> Printer.text(r, "status")),
          new Printer.Column("CONTRIBUTED", r -> Printer.bytes(r, "contributed")),
          new Printer.Column("USED", r -> Printer.bytes(r, "used")),
          new Printer.Column("FREE", r -> Printer.bytes(r, "free")),
          new Printer.Column("STRIPES", r -> Printer.text(r, "stripes")),
          new Printer.Column("DRAINING", r -> Printer.text(r, "draining"))));
      out.printf("total (live blades): contributed %s, used %s, free %s%n", Printer.bytes(df, "contributed"),
          Printer.bytes(df, "used"), Printer.bytes(df, "free"));
    }
  }

  @Command(name = "scrub", mixinStandardHelpOptions = true,
      description = "Verify every stripe on every blade; repair corrupt or missing ones from replicas.")
  static final class Scrub implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      JsonNode r = api(root).post("/api/vnas/scrub", java.util.Map.of());
      var out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, r);
        return;
      }
      Printer.table(out, r.get("blades"), List.of(
          new Printer.Column("BLADE", x -> Printer.text(x, "blade")),
          new Printer.Column("CHECKED", x -> Printer.text(x, "checked")),
          new Printer.Column("CORRUPT", x -> Printer.text(x, "corrupt")),
          new Printer.Column("MISSING", x -> Printer.text(x, "missing")),
          new Printer.Column("REPAIRED", x -> Printer.text(x, "repaired")),
          new Printer.Column("UNREPAIRED", x -> Printer.text(x, "unrepaired"))));
      out.printf("checked %s stripes: %s corrupt, %s missing, %s repaired%n", r.get("checked").asText(),
          r.get("corrupt").asText(), r.get("missing").asText(), r.get("repaired").asText());
    }
  }
}
