package dci.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    footer = {"", "Exit status: 0 ok, 1 request failed, 2 usage error, 3 not authenticated,",
        "4 cluster/API unreachable, 5 forbidden (role too low)."})
public final class DciCommand implements Runnable {

  /**
   * The subcommands, in the order {@code dci --help} lists them. Not in the annotation: picocli
   * would build every one's model (reflection over some sixty classes, half a second) for each
   * call; {@link #commandLine(Map, PrintWriter, PrintWriter, String...)} adds only the one called.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      CageCommand.class, NodeCommand.class, CertCommand.class, LoginCommand.class, LogoutCommand.class,
      StatusCommand.class, UsersCommand.class, SendCommand.class, BroadcastCommand.class,
      LogCommand.class, ReplayCommand.class, ChatCommand.class, TaskCommand.class, VnasCommand.class,
      BackupCommand.class, PortCommand.class, DeskCommand.class, SpareCommand.class, FailoverCommand.class,
      FaultCommand.class, MoveCommand.class, ResourcesCommand.class, AimsCommand.class, MetricsCommand.class, PackageCommand.class,
      InstallCommands.Install.class, InstallCommands.Uninstall.class,
      InstallCommands.Follow.class, InstallCommands.Packages.class, ExportCommand.class, ShellCommand.class,
      DiscoverCommand.class, AdmitCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class);

  /** Root options that take a value: the word after one is never the command's name. */
  private static final Set<String> VALUED = Set.of("--url", "-o", "--output");

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

  /** The configured command line with every subcommand, printing to {@code out} and {@code err}. */
  public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
    return commandLine(env, out, err, (String[]) null);
  }

  /**
   * The command line for running {@code args}: with only the subcommand they name when they name
   * one (the others' models are never built), else with all of them (help, completion, a typo).
   * Null {@code args} means all.
   */
  public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new DciCommand(env));
    Class<?> only = args == null ? null : named(args);
    boolean versionOnly = args != null && args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"));
    for (Class<?> sub : versionOnly ? List.<Class<?>>of() : only != null ? List.<Class<?>>of(only) : SUBCOMMANDS) {
      cl.addSubcommand(sub);
    }
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
    cl.setParameterExceptionHandler((ex, given) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("dci: " + ex.getMessage());
      c.getErr().println("try '" + c.getCommandSpec().qualifiedName() + " --help'");
      return CliError.USAGE;
    });
    return cl;
  }

  /** The subcommand {@code args} call, or null when they call none (or one that needs the whole tree). */
  static Class<?> named(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (VALUED.contains(a)) {
        i++;
      } else if (!a.startsWith("-")) {
        for (Class<?> sub : SUBCOMMANDS) {
          Command c = sub.getAnnotation(Command.class);
          if (c.name().equals(a) || List.of(c.aliases()).contains(a)) {
            return c.name().equals("help") || c.name().equals("completion") ? null : sub;
          }
        }
        return null;
      } else if (a.equals("--")) {
        return null;
      }
    }
    return null;
  }

  /** The root command of a subcommand's spec. */
  static DciCommand root(CommandLine.Model.CommandSpec spec) {
    return (DciCommand) spec.root().userObject();
  }
}
