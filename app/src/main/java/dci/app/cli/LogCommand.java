package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dci log}: a blade's message log, as a table, JSON, or one archivable XML document. */
@Command(name = "log", mixinStandardHelpOptions = true,
    description = "Show a blade's message log (every envelope it sent, received, relayed or expired).")
final class LogCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--blade", paramLabel = "B", description = "Whose log (default: the blade at --url).")
  String blade;

  @Option(names = "--app", paramLabel = "T", description = "Only this app type.") String app;

  @Option(names = "--sender", paramLabel = "S", description = "Only envelopes sent from blade S.") String sender;

  @Option(names = "--receiver", paramLabel = "R", description = "Only envelopes for blade R.") String receiver;

  @Option(names = "--since", paramLabel = "T", description = "From this instant (ISO-8601).") String since;

  @Option(names = "--until", paramLabel = "T", description = "Before this instant (ISO-8601).") String until;

  @Option(names = "--id", paramLabel = "ID", description = "Only this envelope (and its replies).") String id;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "Newest N (default 100).")
  int limit;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table, json or xml (default: --output).")
  String format;

  @Override
  public void run() {
    DciCommand root = DciCommand.root(spec);
    String fmt = format != null ? format : root.output().name();
    if (!List.of("table", "json", "xml").contains(fmt)) {
      throw new CliError(CliError.USAGE, "--format must be table, json or xml");
    }
    String token = Credentials.token(root.env());
    String url = blade == null ? root.apiUrl() : apiOf(new ApiClient(root.apiUrl(), token), blade);
    Map<String, String> q = new LinkedHashMap<>();
    q.put("app", app);
    q.put("sender", sender);
    q.put("receiver", receiver);
    q.put("since", since);
    q.put("until", until);
    q.put("id", id);
    q.put("limit", Integer.toString(limit));
    q.put("format", fmt.equals("xml") ? "xml" : "json");
    StringJoiner query = new StringJoiner("&", "?", "");
    q.forEach((k, v) -> {
      if (v != null) {
        query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    });
    ApiClient client = new ApiClient(url, token);
    var out = spec.commandLine().getOut();
    if (fmt.equals("xml")) {
      out.print(client.getText("/api/log" + query));
      out.flush();
      return;
    }
    JsonNode log = client.get("/api/log" + query);
    if (fmt.equals("json")) {
      Printer.json(out, log);
      return;
    }
    Printer.table(out, log.path("entries"), List.of(
        new Printer.Column("SEQ", r -> Printer.text(r, "seq")),
        new Printer.Column("AT", r -> Printer.text(r, "at")),
        new Printer.Column("DIRECTION", r -> Printer.text(r, "direction")),
        new Printer.Column("APP", r -> Printer.text(r.path("envelope"), "appType")),
        new Printer.Column("FROM", r -> Printer.text(r.path("envelope").path("sender"), "blade")),
        new Printer.Column("TO", r -> to(r.path("envelope").path("to"))),
        new Printer.Column("TTL", r -> Printer.text(r.path("envelope"), "ttl")),
        new Printer.Column("ID", r -> Printer.text(r.path("envelope"), "id")),
        new Printer.Column("NOTE", r -> r.hasNonNull("note") ? r.get("note").asText() : "")));
  }

  private static String to(JsonNode to) {
    String mode = to.path("mode").asText("?");
    return mode.equals("BLADE") || mode.equals("MULTICAST") ? Printer.text(to, "blades") : mode.toLowerCase();
  }

  /** The API URL of blade {@code name}, from the directory. */
  static String apiOf(ApiClient client, String name) {
    for (JsonNode b : client.get("/api/blades")) {
      if (b.path("name").asText().equals(name)) {
        if (!b.hasNonNull("api")) {
          throw new CliError(CliError.FAILED, "the directory does not know the API address of " + name + " yet");
        }
        return b.get("api").asText();
      }
    }
    throw new CliError(CliError.FAILED, "no blade named '" + name + "' in the directory");
  }
}
