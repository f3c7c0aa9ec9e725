package dci.app.cli;

import dci.protocol.BladeInfo;
import dci.protocol.envelope.Recipients;
import dci.protocol.messaging.LogLine;
import dci.protocol.messaging.LogReply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  @Option(names = "--sort", paramLabel = "FIELD",
      description = "Order the lines shown by time, app, sender, receiver or id (at most 10000 lines).")
  String sort;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
      description = "Newest N (default 100); more than a page are read page by page.")
  int limit;

  @Option(names = "--page-size", paramLabel = "N", defaultValue = "1000",
      description = "Lines asked for per request (default and most 1000).")
  int pageSize;

  @Option(names = "--all", description = "The whole log (or every match), streamed: --format json or xml.")
  boolean all;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table, json or xml (default: --output).")
  String format;

  @Override
  public void run() {
    DciCommand root = DciCommand.root(spec);
    String fmt = format != null ? format : root.output().name();
    if (!List.of("table", "json", "xml").contains(fmt)) {
      throw new CliError(CliError.USAGE, "--format must be table, json or xml");
    }
    if (limit < 1 || pageSize < 1 || pageSize > 1000) {
      throw new CliError(CliError.USAGE, "--limit must be 1 or more, --page-size between 1 and 1000");
    }
    if (all && fmt.equals("table")) {
      throw new CliError(CliError.USAGE, "--all writes the whole log as an export: use --format json or xml");
    }
    if (sort != null && (all || limit > 10_000)) {
      throw new CliError(CliError.USAGE, "--sort orders at most 10000 lines: give --limit N (N <= 10000), not --all");
    }
    String token = Credentials.token(root.env());
    String url = blade == null ? root.apiUrl() : apiOf(new ApiClient(root.apiUrl(), token), blade);
    ApiClient client = new ApiClient(url, token);
    String filters = filters();
    var out = spec.commandLine().getOut();
    if (all || (fmt.equals("xml") && limit > pageSize)) {
      // the blade streams it; so does this command, whatever its size
      client.getTextTo("/api/log/export" + filters + "format=" + fmt + (all ? "" : "&limit=" + limit), out);
      return;
    }
    if (fmt.equals("xml")) {
      out.print(client.getText("/api/log" + filters + "format=xml&limit=" + limit));
      out.flush();
      return;
    }
    // sorted lines come in one answer: pages, each sorted, would not add up to one order
    LogReply log = limit <= pageSize ? client.get("/api/log" + filters + "format=json&limit=" + limit, LogReply.class)
        : sort != null ? client.get("/api/log/export" + filters + "format=json&limit=" + limit, LogReply.class)
        : LogPages.newest(client, filters, limit, pageSize);
    if (fmt.equals("json")) {
      Printer.json(out, log);
      return;
    }
    Printer.rows(out, log.entries() == null ? List.of() : log.entries(), List.<Printer.Cell<LogLine>>of(
        new Printer.Cell<>("SEQ", r -> Printer.text(r.seq())),
        new Printer.Cell<>("AT", r -> Printer.text(r.at())),
        new Printer.Cell<>("DIRECTION", r -> Printer.text(r.direction())),
        new Printer.Cell<>("APP", r -> r.envelope() == null ? "-" : Printer.text(r.envelope().appType())),
        new Printer.Cell<>("FROM", r -> r.envelope() == null || r.envelope().sender() == null ? "-"
            : Printer.text(r.envelope().sender().blade())),
        new Printer.Cell<>("TO", r -> to(r.envelope() == null ? null : r.envelope().to())),
        new Printer.Cell<>("TTL", r -> r.envelope() == null ? "-" : Printer.text(r.envelope().ttl())),
        new Printer.Cell<>("ID", r -> r.envelope() == null ? "-" : Printer.text(r.envelope().id())),
        new Printer.Cell<>("NOTE", r -> r.note() == null ? "" : r.note())));
  }

  /** The filters as the start of a query string: {@code ?} and {@code k=v&} for each filter given. */
  private String filters() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("app", app);
    q.put("sender", sender);
    q.put("receiver", receiver);
    q.put("since", since);
    q.put("until", until);
    q.put("id", id);
    q.put("sort", sort);
    StringBuilder query = new StringBuilder("?");
    q.forEach((k, v) -> {
      if (v != null) {
        query.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
      }
    });
    return query.toString();
  }

  private static String to(Recipients to) {
    if (to == null || to.mode() == null) {
      return "?";
    }
    if (to.mode() == Recipients.Mode.ROLE) {
      return "role:" + to.role();
    }
    return to.mode() == Recipients.Mode.BLADE || to.mode() == Recipients.Mode.MULTICAST ? Printer.text(to.blades())
        : to.mode().name().toLowerCase();
  }

  /** The API URL of blade {@code name}, from the directory. */
  static String apiOf(ApiClient client, String name) {
    for (BladeInfo b : Wire.list(client.get("/api/blades"), BladeInfo.class)) {
      if (b.name().equals(name)) {
        if (b.api() == null) {
          throw new CliError(CliError.FAILED, "the directory does not know the API address of " + name + " yet");
        }
        return b.api();
      }
    }
    throw new CliError(CliError.FAILED, "no blade named '" + name + "' in the directory");
  }
}
