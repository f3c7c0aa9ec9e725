package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  static JsonNode follow(CommandLine.Model.CommandSpec spec, Follow f, String path, Object body) {
    ApiClient api = VnasCommand.api(DciCommand.root(spec));
    JsonNode job = api.post(path, body);
    try (Progress progress = Progress.of(spec, f.progress)) {
      return JobWatch.await(api, job, progress, f.timeout);
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
      JsonNode r = follow(spec, follow, "/api/backup/run", Map.of("blade", blade));
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (DciCommand.root(spec).output() == DciCommand.Output.json) {
        Printer.json(out, r);
        return;
      }
      JsonNode a = r.path("archive");
      if (a.isMissingNode() || a.isNull()) {
        out.println("nothing changed: no archive made");
      } else {
        out.println(a.path("id").asText());
        err.printf("archive %s of %s (%s): %d files, %s, %s new, %d deletions, on %s%n", a.path("id").asText(),
            a.path("blade").asText(), a.path("method").asText(), a.path("files").asInt(),
            Printer.size(a.path("bytes").asLong()), Printer.size(a.path("newBytes").asLong()),
            a.path("deleted").asInt(), Printer.text(a, "peers"));
      }
      r.path("warnings").forEach(w -> err.println("warning: " + w.asText()));
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
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("blade", blade);
      body.put("upto", upto);
      if (toBlade != null) {
        body.put("toBlade", toBlade);
      }
      if (target != null) {
        body.put("target", java.nio.file.Path.of(target).toAbsolutePath().normalize().toString());
      }
      if (files != null) {
        body.put("files", files);
      }
      JsonNode r = follow(spec, follow, "/api/backup/restore", body);
      PrintWriter out = spec.commandLine().getOut();
      if (DciCommand.root(spec).output() == DciCommand.Output.json) {
        Printer.json(out, r);
        return;
      }
      out.printf("restored %d files (%s) of %s into %s from archives %s%n", r.path("files").asInt(),
          Printer.size(r.path("bytes").asLong()), blade, r.path("target").asText(), Printer.text(r, "archives"));
      r.path("problems").forEach(p -> out.println("recovered from: " + p.asText()));
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
      JsonNode r = follow(spec, follow, "/api/backup/check", Map.of("blade", blade, "readData", readData));
      PrintWriter out = spec.commandLine().getOut();
      if (DciCommand.root(spec).output() == DciCommand.Output.json) {
        Printer.json(out, r);
      } else {
        Printer.table(out, r.path("peers"), List.of(
            new Printer.Column("PEER", p -> Printer.text(p, "blade")),
            new Printer.Column("ARCHIVES", p -> Printer.text(p, "archives")),
            new Printer.Column("CHUNKS", p -> Printer.text(p, "chunks")),
            new Printer.Column("MISSING ARCHIVES", p -> String.valueOf(p.path("missingArchives").size())),
            new Printer.Column("MISSING CHUNKS", p -> String.valueOf(p.path("missingChunks").size())),
            new Printer.Column("CORRUPT CHUNKS", p -> String.valueOf(p.path("corruptChunks").size())),
            new Printer.Column("ERROR", p -> Printer.text(p, "error"))));
        out.println(r.path("ok").asBoolean() ? "ok: " + r.path("archives").asInt() + " archives" : "problems found");
        out.flush();
      }
      if (!r.path("ok").asBoolean()) {
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
      JsonNode r = follow(spec, follow, "/api/backup/forget", Map.of("blade", blade, "dryRun", dryRun));
      PrintWriter out = spec.commandLine().getOut();
      if (DciCommand.root(spec).output() == DciCommand.Output.json) {
        Printer.json(out, r);
        return;
      }
      out.printf("%s %d archive(s): %s; kept %d; freed %d chunks (%s)%n", dryRun ? "would forget" : "forgot",
          r.path("forgotten").size(), Printer.text(r, "forgotten"), r.path("kept").size(),
          r.path("chunksRemoved").asLong(), Printer.size(r.path("bytesFreed").asLong()));
      out.flush();
    }
  }
}
