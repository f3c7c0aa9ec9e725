package dci.app.cli;

import dci.protocol.envelope.Envelope;
import dci.protocol.messaging.SendResult;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci send}: one envelope to a peerlet on one, some, all or any blade. */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = {"Send an envelope to a peerlet; with --wait, print the replies.",
        "PAYLOAD is JSON when it parses as an object or array, else text."})
final class SendCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--to", paramLabel = "BLADE|all|any|B1,B2|role:R", defaultValue = "any",
      description = "Recipients (default: any blade running the app); role:R is every Up blade with role R.")
  String to;

  @Option(names = "--app", required = true, paramLabel = "TYPE", description = "App type, e.g. echo, chat, exec.")
  String app;

  @Option(names = "--instance", paramLabel = "GUID", description = "Peerlet instance (default: the app's default).")
  String instance;

  @Option(names = "--ttl", paramLabel = "N", description = "Hops allowed (default 4; above 9 is reset to 9).")
  Integer ttl;

  @Option(names = "--wait", paramLabel = "DURATION", description = "Wait this long for replies: a " + CliDuration.HELP
      + ".")
  Duration wait;

  @Parameters(index = "0", paramLabel = "PAYLOAD") String payload;

  @Override
  public Integer call() {
    DciCommand root = DciCommand.root(spec);
    ApiClient client = new ApiClient(root.apiUrl(), Credentials.token(root.env()));
    String query = wait == null ? "" : "?wait=" + wait.toMillis() + "ms";
    SendResult result = client.post("/api/envelopes" + query,
        Envelopes.envelope(app, instance, to, ttl, Envelopes.payload(payload)), SendResult.class);
    var out = spec.commandLine().getOut();
    if (root.output() == DciCommand.Output.json) {
      Printer.json(out, result);
    } else if (wait == null && !result.targets().isEmpty()) {
      out.printf("sent %s to %s%n", result.id(), Printer.text(result.targets()));
    } else {
      for (Envelope reply : result.replies()) {
        out.printf("%s: %s%n", Envelopes.from(reply), Envelopes.shown(reply));
      }
      if (!result.complete()) {
        out.println("(not every recipient replied within " + CliDuration.text(wait) + ")");
      }
    }
    out.flush();
    if (result.targets().isEmpty()) {
      result.replies().stream().filter(Envelopes::undeliverable).findFirst()
          .ifPresent(r -> spec.commandLine().getErr().println("dci: " + Envelopes.shown(r)));
    }
    boolean failed = result.replies().stream().anyMatch(Envelopes::undeliverable);
    return failed || (wait != null && !result.complete()) ? CliError.FAILED : 0;
  }
}
