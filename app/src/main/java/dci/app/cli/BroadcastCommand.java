package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci broadcast -- CMD ARGS}: run a program through {@code exec} on every Up blade. */
@Command(name = "broadcast", mixinStandardHelpOptions = true,
    description = {"Run an existing program on every Up blade (or the listed ones) and print each blade's",
        "exit code and output. Exit status 0 only if every blade answered 0."})
final class BroadcastCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--to", paramLabel = "B1,B2", description = "Only these blades (default: all Up blades).")
  String to;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
      description = "Per-blade time limit, a " + CliDuration.HELP + ", at most 10m. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Parameters(arity = "1..*", paramLabel = "CMD", description = "Program and its arguments (after --).")
  List<String> command;

  @Override
  public Integer call() {
    long timeoutMs = timeout.toMillis();
    if (timeoutMs < 1 || timeoutMs > 600_000) {
      throw new CliError(CliError.USAGE, "--timeout must be between 1ms and 10m");
    }
    long waitMs = timeoutMs + 5000;
    DciCommand root = DciCommand.root(spec);
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("command", command.get(0));
    ArrayNode args = payload.putArray("args");
    command.subList(1, command.size()).forEach(args::add);
    payload.put("timeoutMs", timeoutMs);
    JsonNode result = new ApiClient(root.apiUrl(), Credentials.token(root.env())).post(
        "/api/envelopes?wait=" + waitMs + "ms",
        Envelopes.envelope("exec", null, to == null ? "all" : to, null, payload));

    Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
    for (JsonNode t : result.path("targets")) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("blade", t.asText());
      row.put("exitCode", null);
      row.put("stdout", "");
      row.put("stderr", "");
      row.put("error", "no reply within " + waitMs + " ms");
      rows.put(t.asText(), row);
    }
    for (JsonNode reply : result.path("replies")) {
      String blade = reply.path("sender").path("blade").asText();
      JsonNode p = reply.path("payload");
      Map<String, Object> row = rows.computeIfAbsent(blade, b -> new LinkedHashMap<>(Map.of("blade", b)));
      if (Envelopes.undeliverable(reply)) {
        row.put("error", "undeliverable: " + p.path("undeliverable").asText());
        continue;
      }
      row.put("exitCode", p.path("exitCode").asInt());
      row.put("stdout", p.path("stdout").asText());
      row.put("stderr", p.path("stderr").asText());
      row.put("error", p.hasNonNull("error") ? p.get("error").asText() : null);
    }
    List<Map<String, Object>> list = new ArrayList<>(rows.values());
    var out = spec.commandLine().getOut();
    if (root.output() == DciCommand.Output.json) {
      Printer.json(out, list);
    } else {
      for (Map<String, Object> row : list) {
        out.printf("== %s: %s%n", row.get("blade"),
            row.get("exitCode") == null ? row.get("error") : "exit " + row.get("exitCode")
                + (row.get("error") == null ? "" : " (" + row.get("error") + ")"));
        printIndented(out, (String) row.get("stdout"));
        printIndented(out, (String) row.get("stderr"));
      }
      out.flush();
    }
    boolean allZero = !list.isEmpty() && list.stream().allMatch(r -> Integer.valueOf(0).equals(r.get("exitCode")));
    return allZero ? 0 : CliError.FAILED;
  }

  private static void printIndented(java.io.PrintWriter out, String text) {
    if (text != null && !text.isEmpty()) {
      for (String line : text.split("\n", -1)) {
        if (!line.isEmpty()) {
          out.println("   " + line);
        }
      }
    }
  }
}
