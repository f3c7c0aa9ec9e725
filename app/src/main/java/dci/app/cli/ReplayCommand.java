package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    JsonNode result;
    if (source.file != null) {
      if (!Files.isRegularFile(source.file)) {
        throw new CliError(CliError.USAGE, "no such file: " + source.file);
      }
      result = client.postBytes("/api/replay" + query, Files.readAllBytes(source.file), "application/xml");
    } else {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("ids", source.ids);
      result = client.post("/api/replay" + query, body);
    }
    var out = spec.commandLine().getOut();
    if (root.output() == DciCommand.Output.json) {
      Printer.json(out, result);
    }
    boolean failed = false;
    for (JsonNode run : result.path("replayed")) {
      if (root.output() != DciCommand.Output.json) {
        out.printf("replayed %s as %s to %s%n", run.path("replayOf").asText(), run.path("id").asText(),
            Printer.text(run, "targets"));
      }
      for (JsonNode reply : run.path("replies")) {
        boolean bad = Envelopes.undeliverable(reply);
        failed |= bad;
        if (root.output() != DciCommand.Output.json) {
          JsonNode p = reply.path("payload");
          out.printf("  %s: %s%n", reply.path("sender").path("blade").asText(),
              bad ? "undeliverable: " + p.path("undeliverable").asText() : p.isTextual() ? p.asText() : p.toString());
        }
      }
    }
    out.flush();
    return failed ? CliError.FAILED : 0;
  }
}
