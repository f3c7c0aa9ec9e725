package dci.app.cli;

import dci.protocol.envelope.Envelope;
import dci.protocol.messaging.ExecReply;
import dci.protocol.messaging.ExecRequest;
import dci.protocol.messaging.SendResult;
import dci.protocol.messaging.UndeliverableNotice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  @Option(names = "--to", paramLabel = "B1,B2|role:R",
      description = "Only these blades, or every Up blade with role R (default: all Up blades).")
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
    ExecRequest request = ExecRequest.of(command.get(0), command.subList(1, command.size()), timeoutMs);
    SendResult result = new ApiClient(root.apiUrl(), Credentials.token(root.env())).post(
        "/api/envelopes?wait=" + waitMs + "ms",
        Envelopes.envelope("exec", null, to == null ? "all" : to, null, request.toPayload()), SendResult.class);

    if (result.targets().isEmpty()) {
      String why = result.replies().stream().map(Envelopes::shown).findFirst().orElse("no blade to run it on");
      throw new CliError(CliError.FAILED, why);
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String t : result.targets()) {
      rows.put(t, new Row(t, null, "", "", "no reply within " + waitMs + " ms"));
    }
    for (Envelope reply : result.replies()) {
      String blade = Envelopes.from(reply);
      Optional<UndeliverableNotice> notice = UndeliverableNotice.of(reply);
      if (notice.isPresent()) {
        Row was = rows.getOrDefault(blade, new Row(blade, null, null, null, null));
        rows.put(blade, new Row(blade, was.exitCode(), was.stdout(), was.stderr(),
            "undeliverable: " + notice.get().undeliverable()));
        continue;
      }
      ExecReply p = execReply(reply);
      rows.put(blade, new Row(blade, p.exitCode(), p.stdout(), p.stderr(), p.error()));
    }
    List<Row> list = new ArrayList<>(rows.values());
    var out = spec.commandLine().getOut();
    if (root.output() == DciCommand.Output.json) {
      Printer.json(out, list);
    } else {
      for (Row row : list) {
        out.printf("== %s: %s%n", row.blade(), row.exitCode() == null ? row.error() : "exit " + row.exitCode()
            + (row.error() == null ? "" : " (" + row.error() + ")"));
        printIndented(out, row.stdout());
        printIndented(out, row.stderr());
      }
      out.flush();
    }
    boolean allZero = !list.isEmpty() && list.stream().allMatch(r -> Integer.valueOf(0).equals(r.exitCode()));
    return allZero ? 0 : CliError.FAILED;
  }

  /** One blade's line of the outcome ({@code -o json} prints a list of them): null exitCode, no reply. */
  record Row(String blade, Integer exitCode, String stdout, String stderr, String error) {}

  /** The exec reply a reply carries (a blade's reply without {@code stdout} is an empty one). */
  private static ExecReply execReply(Envelope reply) {
    try {
      return ExecReply.of(reply.payload()).orElse(new ExecReply(Envelopes.from(reply), 0, "", "", false, false, 0,
          null));
    } catch (IllegalArgumentException e) {
      throw new CliError(CliError.FAILED, "the DCI API sent an exec reply this CLI cannot read: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
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
