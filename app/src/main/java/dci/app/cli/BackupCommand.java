package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci backup ...}: peer backup of a blade's data onto other blades, and restores. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = "Back blades up onto their peers and restore them (archives, aging, checks).",
    subcommands = {BackupCommand.Config.class, BackupJobs.Run.class, BackupCommand.ListArchives.class,
        BackupCommand.Show.class, BackupJobs.Restore.class, BackupJobs.Check.class, BackupJobs.Forget.class})
final class BackupCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'dci backup --help'");
  }

  @Command(name = "config", mixinStandardHelpOptions = true,
      description = {"Show or change a blade's backup settings (replicated to every blade).",
          "Options given replace the setting; the rest stay. With none, the settings are shown."})
  static final class Config implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--blade", required = true, paramLabel = "BLADE", description = "The blade backed up.") String blade;
    @Option(names = "--root", paramLabel = "DIR", description = "Directory backed up (absolute; '' for the blade's user area).")
    String root;
    @Option(names = "--exclude-dir", split = ",", paramLabel = "NAME",
        description = "Directories left out (names or relative paths; repeat or comma-separate; '' clears).")
    List<String> excludeDirs;
    @Option(names = "--exclude-ext", split = ",", paramLabel = "EXT",
        description = "File extensions left out, e.g. .exe,.mpg,.mp3 ('' clears).")
    List<String> excludeExts;
    @Option(names = "--replicas", paramLabel = "N", description = "Peer blades holding each archive.") Integer replicas;
    @Option(names = "--remote", paramLabel = "N", description = "How many of them in other data centers.") Integer remote;
    @Option(names = "--peers", split = ",", paramLabel = "BLADE", description = "Name the peers ('' for automatic).")
    List<String> peers;
    @Option(names = "--method", paramLabel = "METHOD", description = "snapshot, delta or mirror.") String method;
    @Option(names = "--schedule", paramLabel = "WHEN",
        description = "e.g. \"6am weekly\", \"daily 02:30\", \"hourly\", \"every 15m\" ('' for on demand only).")
    String schedule;
    @Option(names = "--keep-within", paramLabel = "DURATION", description = "Keep archives this close to the newest (e.g. 30d).")
    String keepWithin;
    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the newest N archives (-1 unsets).") Integer keepLast;
    @Option(names = "--keep-daily", paramLabel = "N", description = "Keep one a day for N days (-1 unsets).") Integer keepDaily;
    @Option(names = "--keep-weekly", paramLabel = "N", description = "Keep one a week for N weeks (-1 unsets).")
    Integer keepWeekly;

    @Override
    public void run() {
      DciCommand root0 = DciCommand.root(spec);
      ApiClient api = VnasCommand.api(root0);
      Map<String, Object> change = new LinkedHashMap<>();
      put(change, "root", root);
      put(change, "excludeDirs", clean(excludeDirs));
      put(change, "excludeExts", clean(excludeExts));
      put(change, "replicas", replicas);
      put(change, "remote", remote);
      put(change, "peers", clean(peers));
      put(change, "method", method);
      put(change, "schedule", schedule);
      put(change, "keepWithin", keepWithin);
      put(change, "keepLast", keepLast);
      put(change, "keepDaily", keepDaily);
      put(change, "keepWeekly", keepWeekly);
      JsonNode view;
      if (change.isEmpty()) {
        view = api.get("/api/backup/config?blade=" + VnasCommand.q(blade));
      } else {
        change.put("blade", blade);
        view = api.put("/api/backup/config", change);
      }
      print(spec.commandLine().getOut(), root0, view);
    }

    private static void put(Map<String, Object> m, String k, Object v) {
      if (v != null) {
        m.put(k, v);
      }
    }

    private static List<String> clean(List<String> l) {
      return l == null ? null : l.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static void print(PrintWriter out, DciCommand root, JsonNode view) {
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, view);
        return;
      }
      JsonNode c = view.path("config");
      JsonNode a = c.path("aging");
      out.printf("blade:        %s%n", view.path("blade").asText());
      out.printf("root:         %s%n", c.path("root").isNull() ? "(the blade's user area)" : c.path("root").asText());
      out.printf("method:       %s%n", c.path("method").asText());
      out.printf("replicas:     %d (remote %d)%n", c.path("replicas").asInt(), c.path("remote").asInt());
      out.printf("peers:        %s%n", c.path("peers").isEmpty() ? "(automatic)" : Printer.text(c, "peers"));
      out.printf("exclude dirs: %s%n", Printer.text(c, "excludeDirs"));
      out.printf("exclude exts: %s%n", Printer.text(c, "excludeExts"));
      out.printf("schedule:     %s%n", c.path("schedule").isNull() ? "(on demand)" : c.path("schedule").asText());
      out.printf("aging:        within %s, last %s, daily %s, weekly %s%n", Printer.text(a, "keepWithin"),
          Printer.text(a, "keepLast"), Printer.text(a, "keepDaily"), Printer.text(a, "keepWeekly"));
      out.flush();
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List a blade's archives, oldest first.")
  static final class ListArchives implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--blade", required = true, paramLabel = "BLADE") String blade;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      JsonNode list = VnasCommand.api(root).get("/api/backup/archives?blade=" + VnasCommand.q(blade));
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, list);
        return;
      }
      Printer.table(out, list, List.of(
          new Printer.Column("ID", r -> Printer.text(r, "id")),
          new Printer.Column("TIME", r -> Printer.text(r, "time")),
          new Printer.Column("METHOD", r -> Printer.text(r, "method")),
          new Printer.Column("FILES", r -> Printer.text(r, "files")),
          new Printer.Column("SIZE", r -> Printer.bytes(r, "bytes")),
          new Printer.Column("NEW", r -> Printer.bytes(r, "newBytes")),
          new Printer.Column("DELETED", r -> Printer.text(r, "deleted")),
          new Printer.Column("HELD BY", r -> Printer.text(r, "heldBy"))));
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "The files of an archive, with sizes and dates.")
  static final class Show implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ARCHIVE") String archive;
    @Option(names = "--blade", required = true, paramLabel = "BLADE", description = "The blade the archive is of.")
    String blade;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      JsonNode view = VnasCommand.api(root).get("/api/backup/archives/" + VnasCommand.q(archive) + "?blade="
          + VnasCommand.q(blade));
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, view);
        return;
      }
      JsonNode a = view.path("archive");
      out.printf("archive %s of %s, %s, %s, parent %s, held by %s%n", a.path("id").asText(), a.path("blade").asText(),
          a.path("time").asText(), a.path("method").asText(), a.path("parent").asText("-"), Printer.text(view, "heldBy"));
      Printer.table(out, view.path("files"), List.of(
          new Printer.Column("PATH", r -> Printer.text(r, "path")),
          new Printer.Column("SIZE", r -> r.path("deleted").asBoolean() ? "deleted" : Printer.bytes(r, "size")),
          new Printer.Column("MODIFIED", r -> Printer.text(r, "modified"))));
    }
  }
}
