package dci.app.cli;

import dci.protocol.backup.ArchiveInfo;
import dci.protocol.backup.BackupJob;
import dci.protocol.backup.BladeRequest;
import dci.protocol.backup.CheckRequest;
import dci.protocol.backup.CheckResult;
import dci.protocol.backup.ForgetRequest;
import dci.protocol.backup.ForgetResult;
import dci.protocol.backup.RestoreRequest;
import dci.protocol.backup.RestoreResult;
import dci.protocol.backup.RunResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The backup commands that start a job on a blade and follow it: run, restore, check, forget. */
final class BackupJobs {
  private BackupJobs() {}

  /** Options every job command has. */
  static class Follow {
    @CommandLine.Mixin Progress.Flag progress = new Progress.Flag();
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "24h",
        description = "Stop waiting after this long (the job goes on), a " + CliDuration.HELP + ". Default: ${DEFAULT-VALUE}.")
    Duration timeout;
  }

  static <T> T follow(CommandLine.Model.CommandSpec spec, Follow f, String path, Object body, Class<T> result) {
    ApiClient api = VnasCommand.api(DciCommand.root(spec));
    BackupJob job = api.post(path, body, BackupJob.class);
    try (Progress progress = Progress.of(spec, f.progress)) {
      return JobWatch.await(api, job, progress, f.timeout, result);
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Back a blade up now (on that blade); prints the new archive's id.")
  static final class Run implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--blade", required = true, paramLabel = "BLADE") String blade;
    @CommandLine.Mixin Follow follow = new Follow();

    @Override
    public void run() {
      RunResult r = follow(spec, follow, "/api/backup/run", new BladeRequest(blade), RunResult.class);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (DciCommand.root(spec).output() == DciCommand.Output.json) {
        Printer.json(out, r);
        return;
      }
      ArchiveInfo a = r.archive();
      if (a == null) {
        out.println("nothing changed: no archive made");
      } else {
        out.println(a.id());
        err.printf("archive %s of %s (%s): %d files, %s, %s new, %d deletions, on %s%n", a.id(), a.blade(),
            a.method(), a.files(), Printer.size(a.bytes()), Printer.size(a.newBytes()), a.deleted(),
            Printer.text(a.peers()));
      }
      if (r.warnings() != null) {
        r.warnings().forEach(w -> err.println("warning: " + w));
      }
      out.flush();
      err.flush();
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = {"Restore a blade's archives in order up to and including ARCHIVE.",
          "Clashing files are overwritten, new ones created; nothing is deleted."})
  static final class Restore implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--blade", required = true, paramLabel = "BLADE", description = "The blade whose backup it is.")
    String blade;
    @Option(names = "--upto", required = true, paramLabel = "ARCHIVE") String upto;
    @Option(names = "--to-blade", paramLabel = "BLADE", description = "Restore onto this blade (e.g. the replacement).")
    String toBlade;
    @Option(names = "--target", paramLabel = "DIR",
        description = "Restore into this directory (absolute, on the blade doing the restore).")
    String target;
    @Option(names = "--files", arity = "1..*", paramLabel = "GLOB", description = "Only these files (globs).")
    List<String> files;
    @CommandLine.Mixin Follow follow = new Follow();

    @Override
    public void run() {
      RestoreRequest body = new RestoreRequest(blade, upto, toBlade,
          target == null ? null : java.nio.file.Path.of(target).toAbsolutePath().normalize().toString(), files);
      RestoreResult r = follow(spec, follow, "/api/backup/restore", body, RestoreResult.class);
      PrintWriter out = spec.commandLine().getOut();
      if (DciCommand.root(spec).output() == DciCommand.Output.json) {
        Printer.json(out, r);
        return;
      }
      out.printf("restored %d files (%s) of %s into %s from archives %s%n", r.files(), Printer.size(r.bytes()), blade,
          r.target(), Printer.text(r.archives()));
      if (r.problems() != null) {
        r.problems().forEach(p -> out.println("recovered from: " + p));
      }
      out.flush();
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Check that every peer holds the blade's archives and their chunks (--read-data re-reads them).")
  static final class Check implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--blade", required = true, paramLabel = "BLADE") String blade;
    @Option(names = "--read-data", description = "Each peer re-reads every chunk and checks its hash.") boolean readData;
    @CommandLine.Mixin Follow follow = new Follow();

    @Override
    public void run() {
      CheckResult r = follow(spec, follow, "/api/backup/check", new CheckRequest(blade, readData), CheckResult.class);
      PrintWriter out = spec.commandLine().getOut();
      if (DciCommand.root(spec).output() == DciCommand.Output.json) {
        Printer.json(out, r);
      } else {
        Printer.rows(out, r.peers() == null ? List.of() : r.peers(), List.<Printer.Cell<CheckResult.Peer>>of(
            new Printer.Cell<>("PEER", p -> p.blade()),
            new Printer.Cell<>("ARCHIVES", p -> Printer.text(p.archives())),
            new Printer.Cell<>("CHUNKS", p -> Printer.text(p.chunks())),
            new Printer.Cell<>("MISSING ARCHIVES", p -> String.valueOf(count(p.missingArchives()))),
            new Printer.Cell<>("MISSING CHUNKS", p -> String.valueOf(count(p.missingChunks()))),
            new Printer.Cell<>("CORRUPT CHUNKS", p -> String.valueOf(count(p.corruptChunks()))),
            new Printer.Cell<>("ERROR", p -> Printer.text(p.error()))));
        out.println(r.ok() ? "ok: " + r.archives() + " archives" : "problems found");
        out.flush();
      }
      if (!r.ok()) {
        throw new CliError(CliError.FAILED, "the backup of " + blade + " has problems (see above)");
      }
    }
  }

  @Command(name = "forget", mixinStandardHelpOptions = true,
      description = "Apply the blade's aging policy now: forget archives it does not keep, free unneeded chunks.")
  static final class Forget implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--blade", required = true, paramLabel = "BLADE") String blade;
    @Option(names = "--dry-run", description = "Only say what would be forgotten.") boolean dryRun;
    @CommandLine.Mixin Follow follow = new Follow();

    @Override
    public void run() {
      ForgetResult r = follow(spec, follow, "/api/backup/forget", new ForgetRequest(blade, dryRun), ForgetResult.class);
      PrintWriter out = spec.commandLine().getOut();
      if (DciCommand.root(spec).output() == DciCommand.Output.json) {
        Printer.json(out, r);
        return;
      }
      out.printf("%s %d archive(s): %s; kept %d; freed %d chunks (%s)%n", dryRun ? "would forget" : "forgot",
          count(r.forgotten()), Printer.text(r.forgotten()), count(r.kept()), r.chunksRemoved(),
          Printer.size(r.bytesFreed()));
      out.flush();
    }
  }

  private static int count(List<?> l) {
    return l == null ? 0 : l.size();
  }
}
