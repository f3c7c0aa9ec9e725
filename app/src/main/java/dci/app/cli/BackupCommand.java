package dci.app.cli;

import dci.protocol.backup.ArchiveContents;
import dci.protocol.backup.ArchiveInfo;
import dci.protocol.backup.ArchiveRow;
import dci.protocol.backup.BackupConfigChange;
import dci.protocol.backup.BackupSettings;
import dci.protocol.backup.ConfigView;
import java.io.PrintWriter;
import java.util.List;
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
      BackupConfigChange change = new BackupConfigChange(blade, root, clean(excludeDirs), clean(excludeExts),
          replicas, remote, clean(peers), method, schedule, keepWithin, keepLast, keepDaily, keepWeekly);
      ConfigView view = change.equals(new BackupConfigChange(blade, null, null, null, null, null, null, null, null,
          null, null, null, null))
          ? api.get("/api/backup/config?blade=" + VnasCommand.q(blade), ConfigView.class)
          : api.put("/api/backup/config", change, ConfigView.class);
      print(spec.commandLine().getOut(), root0, view);
    }

    private static List<String> clean(List<String> l) {
      return l == null ? null : l.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static void print(PrintWriter out, DciCommand root, ConfigView view) {
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, view);
        return;
      }
      BackupSettings c = view.config();
      BackupSettings.Aging a = c.aging();
      out.printf("blade:        %s%n", view.blade());
      out.printf("root:         %s%n", c.root() == null ? "(the blade's user area)" : c.root());
      out.printf("method:       %s%n", c.method());
      out.printf("replicas:     %d (remote %d)%n", c.replicas(), c.remote());
      out.printf("peers:        %s%n", c.peers() == null || c.peers().isEmpty() ? "(automatic)" : Printer.text(c.peers()));
      out.printf("exclude dirs: %s%n", Printer.text(c.excludeDirs()));
      out.printf("exclude exts: %s%n", Printer.text(c.excludeExts()));
      out.printf("schedule:     %s%n", c.schedule() == null ? "(on demand)" : c.schedule());
      out.printf("aging:        within %s, last %s, daily %s, weekly %s%n", Printer.text(a.keepWithin()),
          Printer.text(a.keepLast()), Printer.text(a.keepDaily()), Printer.text(a.keepWeekly()));
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
      List<ArchiveRow> list = Wire.list(VnasCommand.api(root).get("/api/backup/archives?blade="
          + VnasCommand.q(blade)), ArchiveRow.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, list);
        return;
      }
      Printer.rows(out, list, List.<Printer.Cell<ArchiveRow>>of(
          new Printer.Cell<>("ID", r -> r.id()),
          new Printer.Cell<>("TIME", r -> Printer.text(r.time())),
          new Printer.Cell<>("METHOD", r -> r.method()),
          new Printer.Cell<>("FILES", r -> Printer.text(r.files())),
          new Printer.Cell<>("SIZE", r -> Printer.bytes(r.bytes())),
          new Printer.Cell<>("NEW", r -> Printer.bytes(r.newBytes())),
          new Printer.Cell<>("DELETED", r -> Printer.text(r.deleted())),
          new Printer.Cell<>("HELD BY", r -> Printer.text(r.heldBy()))));
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
      ArchiveContents view = VnasCommand.api(root).get("/api/backup/archives/" + VnasCommand.q(archive) + "?blade="
          + VnasCommand.q(blade), ArchiveContents.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, view);
        return;
      }
      ArchiveInfo a = view.archive();
      out.printf("archive %s of %s, %s, %s, parent %s, held by %s%n", a.id(), a.blade(), a.time(), a.method(),
          Printer.text(a.parent()), Printer.text(view.heldBy()));
      Printer.rows(out, view.files(), List.<Printer.Cell<ArchiveContents.File>>of(
          new Printer.Cell<>("PATH", r -> r.path()),
          new Printer.Cell<>("SIZE", r -> r.deleted() ? "deleted" : Printer.bytes(r.size())),
          new Printer.Cell<>("MODIFIED", r -> Printer.text(r.modified()))));
    }
  }
}
