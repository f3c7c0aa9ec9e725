package dci.app.cli;

import dci.protocol.failover.DeskExecReply;
import dci.protocol.failover.DeskExecRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dci desk USER [-- CMD ...]}: USER's desk, on whichever blade the switch routes it to.
 * With a command: runs it in the user's home there, prints its output, exits with its status.
 * Without: an interactive shell session over the desk's WebSocket.
 */
@Command(name = "desk", mixinStandardHelpOptions = true,
    description = {"Use USER's desk: run CMD in the user's home on the blade the port is routed to,",
        "or, without CMD, open a shell session there (over the WebSocket /desk/USER)."})
final class DeskCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "USER") String user;
  @Parameters(index = "1..*", paramLabel = "CMD", description = "The command and its arguments (after --).")
  List<String> command;
  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "Longest the command may run, a " + CliDuration.HELP + " (default: the blade's, 60s).")
  Duration timeout;
  @Option(names = "--stdin", paramLabel = "TEXT", description = "Text fed to the command's standard input.")
  String stdin;

  @Override
  public Integer call() throws Exception {
    DciCommand root = DciCommand.root(spec);
    ApiClient api = VnasCommand.api(root);
    if (command == null || command.isEmpty()) {
      return session(api);
    }
    DeskExecRequest req = new DeskExecRequest(command, stdin, timeout == null ? null : CliDuration.seconds(timeout));
    DeskExecReply r = Wire.read(api.post("/api/desk/" + VnasCommand.q(user) + "/exec", req,
        Duration.ofSeconds((timeout == null ? 600 : CliDuration.seconds(timeout)) + 30)), DeskExecReply.class);
    if (root.output() == DciCommand.Output.json) {
      Printer.json(spec.commandLine().getOut(), r);
      return r.exitCode() == 0 ? 0 : 1;
    }
    System.out.print(r.stdout() == null ? "" : r.stdout());
    System.out.flush();
    System.err.print(r.stderr() == null ? "" : r.stderr());
    if (r.error() != null) {
      System.err.println("dci desk: " + r.error());
    }
    System.err.flush();
    int code = r.exitCode();
    return code < 0 ? 1 : Math.min(code, 255);
  }

  /** Lines typed go to the remote shell; what it prints comes back. Ends at end of input. */
  private int session(ApiClient api) throws Exception {
    String ws = api.baseUrl().replaceFirst("^http", "ws") + "/desk/" + VnasCommand.q(user);
    CompletableFuture<Void> closed = new CompletableFuture<>();
    WebSocket socket = CliTrust.httpClient(java.time.Duration.ofSeconds(5)).newWebSocketBuilder()
        .header("Authorization", "Bearer " + api.token())
        .connectTimeout(Duration.ofSeconds(5))
        .buildAsync(URI.create(ws), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            System.out.print(data);
            System.out.flush();
            w.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
            closed.complete(null);
            return null;
          }

          @Override
          public void onError(WebSocket w, Throwable error) {
            closed.completeExceptionally(error);
          }
        }).exceptionally(e -> {
          throw new CliError(CliError.FAILED, "cannot open " + user + "'s desk at " + ws + ": " + e.getMessage());
        }).join();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while (!closed.isDone() && (line = in.readLine()) != null) {
      socket.sendText(line + "\n", true).join();
    }
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    try {
      closed.get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // the blade did not close in time: we are done anyway
    }
    return 0;
  }
}
