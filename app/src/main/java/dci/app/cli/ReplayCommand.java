package dci.app.cli;

import dci.protocol.envelope.Envelope;
import dci.protocol.messaging.ReplayRequest;
import dci.protocol.messaging.ReplayResult;
import dci.protocol.messaging.ReplayRun;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dci replay}: re-run logged envelopes as new ones marked replay-of. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Re-execute logged envelopes, by id (from the log of the blade at --url) or from an",
        "exported XML log, on the same or other blades. Needs the operator role."})
final class ReplayCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  static final class Source {
    @Option(names = "--id", paramLabel = "ID", description = "Envelope id; repeatable.") List<String> ids;

    @Option(names = "--file", paramLabel = "F.xml", description = "An XML log from 'dci log --format xml'.")
    Path file;
  }

  @ArgGroup(exclusive = true, multiplicity = "1") Source source;

  @Option(names = "--to", paramLabel = "BLADE|all|B1,B2", description = "Where to (default: where they went).")
  String to;

  @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "5s",
      description = "Wait for replies this long: a " + CliDuration.HELP + ". Default: ${DEFAULT-VALUE}.")
  Duration wait;

  @Override
  public Integer call() throws IOException {
    DciCommand root = DciCommand.root(spec);
    ApiClient client = new ApiClient(root.apiUrl(), Credentials.token(root.env()));
    String query = "?wait=" + wait.toMillis() + "ms"
        + (to == null ? "" : "&to=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
    ReplayResult result;
    if (source.file != null) {
      if (!Files.isRegularFile(source.file)) {
        throw new CliError(CliError.USAGE, "no such file: " + source.file);
      }
      result = client.postBytes("/api/replay" + query, Files.readAllBytes(source.file), "application/xml",
          ReplayResult.class);
    } else {
      result = client.post("/api/replay" + query, new ReplayRequest(source.ids, null), ReplayResult.class);
    }
    var out = spec.commandLine().getOut();
    boolean json = root.output() == DciCommand.Output.json;
    if (json) {
      Printer.json(out, result);
    }
    boolean failed = false;
    for (ReplayRun run : result.replayed()) {
      if (!json) {
        out.printf("replayed %s as %s to %s%n", run.replayOf(), run.id(), Printer.text(run.targets()));
      }
      for (Envelope reply : run.replies()) {
        failed |= Envelopes.undeliverable(reply);
        if (!json) {
          out.printf("  %s: %s%n", Envelopes.from(reply), Envelopes.shown(reply));
        }
      }
    }
    out.flush();
    return failed ? CliError.FAILED : 0;
  }
}
