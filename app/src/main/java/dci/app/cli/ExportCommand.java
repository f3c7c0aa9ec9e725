package dci.app.cli;

import dci.protocol.fs.ExportSpec;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci export add|list|remove}: the folders a blade exports to the shell's tree (admins change them). */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Folders a blade exports, seen in dci shell as /blades/BLADE/NAME/ (viewers read, operators write).",
    subcommands = {ExportCommand.Add.class, ExportCommand.ListExports.class, ExportCommand.Remove.class})
final class ExportCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: add, list or remove");
  }

  static ApiClient api(CommandLine.Model.CommandSpec spec) {
    DciCommand root = DciCommand.root(spec);
    return new ApiClient(root.apiUrl(), Credentials.token(root.env()));
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Export folder PATH of a blade as NAME.")
  static final class Add implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--blade", required = true, paramLabel = "BLADE", description = "The blade whose folder it is.")
    String blade;
    @Parameters(index = "0", paramLabel = "PATH", description = "The folder on that blade's disk (absolute).")
    String path;
    @Option(names = "--as", required = true, paramLabel = "NAME", description = "Its name in the tree.") String name;
    @Option(names = "--read-only", description = "Nobody writes through it, operators included.") boolean readOnly;

    @Override
    public void run() {
      ExportSpec.requireName(name);
      ExportSpec s = api(spec).post("/api/exports", new ExportSpec(blade, name, path, readOnly), ExportSpec.class);
      var out = spec.commandLine().getOut();
      if (DciCommand.root(spec).output() == DciCommand.Output.json) {
        Printer.json(out, s);
      } else {
        out.printf("exported %s of %s as /blades/%s/%s%s%n", s.path(), s.blade(), s.blade(), s.name(),
            s.readOnly() ? " (read-only)" : "");
        out.flush();
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The exports of a blade.")
  static final class ListExports implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--blade", required = true, paramLabel = "BLADE") String blade;

    @Override
    public void run() {
      List<ExportSpec> all = Wire.list(api(spec).get("/api/exports?blade=" + ShellHttp.q(blade)), ExportSpec.class);
      var out = spec.commandLine().getOut();
      if (DciCommand.root(spec).output() == DciCommand.Output.json) {
        Printer.json(out, all);
        return;
      }
      Printer.rows(out, all, List.<Printer.Cell<ExportSpec>>of(
          new Printer.Cell<>("NAME", ExportSpec::name),
          new Printer.Cell<>("PATH", ExportSpec::path),
          new Printer.Cell<>("MODE", e -> e.readOnly() ? "read-only" : "read-write")));
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Stop exporting NAME (its files stay).")
  static final class Remove implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--blade", required = true, paramLabel = "BLADE") String blade;
    @Parameters(index = "0", paramLabel = "NAME") String name;

    @Override
    public void run() {
      api(spec).delete("/api/exports?blade=" + ShellHttp.q(blade) + "&name=" + ShellHttp.q(name));
      spec.commandLine().getOut().printf("removed the export %s of %s%n", name, blade);
      spec.commandLine().getOut().flush();
    }
  }
}
