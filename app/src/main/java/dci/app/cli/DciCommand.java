package dci.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code dci} command: global options and the list of subcommands. */
@Command(
    name = "dci",
    mixinStandardHelpOptions = true,
    version = "dci 0.1.0",
    description = "Operate a DCI cluster: start blades, log in, inspect and manage them.",
    subcommands = {
        CageCommand.class, NodeCommand.class, CertCommand.class, LoginCommand.class, LogoutCommand.class,
        StatusCommand.class, UsersCommand.class, SendCommand.class, BroadcastCommand.class,
        LogCommand.class, ReplayCommand.class, ChatCommand.class, TaskCommand.class, VnasCommand.class, BackupCommand.class,
        PortCommand.class, DeskCommand.class, SpareCommand.class, FailoverCommand.class, FaultCommand.class,
        MoveCommand.class, ResourcesCommand.class, MetricsCommand.class, PackageCommand.class,
        InstallCommands.Install.class, InstallCommands.Uninstall.class,
        InstallCommands.Follow.class, InstallCommands.Packages.class, ExportCommand.class, ShellCommand.class,
        DiscoverCommand.class, AdmitCommand.class,
        CompletionCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit status: 0 ok, 1 request failed, 2 usage error, 3 not authenticated,",
        "4 cluster/API unreachable, 5 forbidden (role too low)."})
public final class DciCommand implements Runnable {

  /** Output formats. */
  public enum Output { table, json }

  private final Map<String, String> env;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "API of any blade (default: $DCI_URL, else http://127.0.0.1:8080).")
  String url;

  @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
      description = "table or json (default: table).")
  Output output;

  public DciCommand(Map<String, String> env) {
    this.env = env;
    CliTrust.use(env);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'dci --help'");
  }

  /** The API URL in force. */
  String apiUrl() {
    String u = url != null ? url : env.getOrDefault("DCI_URL", "");
    return u.isBlank() ? "http://127.0.0.1:8080" : u.replaceAll("/+$", "");
  }

  Output output() {
    return output == null ? Output.table : output;
  }

  Map<String, String> env() {
    return env;
  }

  /** The configured command line, printing to {@code out} and {@code err}. */
  public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new DciCommand(env));
    cl.registerConverter(Duration.class, new CliDuration());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof CliError c) {
        commandLine.getErr().println("dci: " + c.getMessage());
        return c.exitCode();
      }
      if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
          || e instanceof java.io.UncheckedIOException) {
        commandLine.getErr().println("dci: " + e.getMessage());
        return e instanceof IllegalArgumentException ? CliError.USAGE : CliError.FAILED;
      }
      commandLine.getErr().println("dci: unexpected " + e);
      return CliError.FAILED;
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("dci: " + ex.getMessage());
      c.getErr().println("try '" + c.getCommandSpec().qualifiedName() + " --help'");
      return CliError.USAGE;
    });
    return cl;
  }

  /** The root command of a subcommand's spec. */
  static DciCommand root(CommandLine.Model.CommandSpec spec) {
    return (DciCommand) spec.root().userObject();
  }
}
