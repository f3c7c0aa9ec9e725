package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci vnas drain BLADE}: move every stripe off a blade before it is removed. */
@Command(name = "drain", mixinStandardHelpOptions = true,
    description = "Move every stripe off BLADE (placement stops choosing it); waits until none is left.")
final class VnasDrainCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "BLADE") String blade;
  @Option(names = "--no-wait", description = "Start draining and return at once.") boolean noWait;
  @Option(names = "--stop", description = "Stop draining: the blade takes stripes again.") boolean stop;
  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1h",
      description = "Give up after this long, a " + CliDuration.HELP + ". Default: ${DEFAULT-VALUE}.")
  Duration timeout;
  @CommandLine.Mixin Progress.Flag progress = new Progress.Flag();

  @Override
  public void run() {
    DciCommand root = DciCommand.root(spec);
    ApiClient api = VnasCommand.api(root);
    JsonNode status = api.post("/api/vnas/drain", stop ? Map.of("blade", blade, "stop", true) : Map.of("blade", blade));
    if (!stop && !noWait) {
      status = await(api, status);
    }
    var out = spec.commandLine().getOut();
    if (root.output() == DciCommand.Output.json) {
      Printer.json(out, status);
    } else {
      out.printf("%s: %s, %d stripes left on it%n", blade, status.get("draining").asBoolean() ? "draining" : "not draining",
          status.get("remaining").asInt());
    }
  }

  /** Asks until no stripe is left on the blade, showing how many went; the last status. */
  private JsonNode await(ApiClient api, JsonNode status) {
    int first = Math.max(1, status.get("remaining").asInt());
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    try (Progress bar = Progress.of(spec, progress)) {
      while (status.get("remaining").asInt() > 0) {
        if (System.currentTimeMillis() > deadline) {
          throw new CliError(CliError.FAILED, blade + " still holds " + status.get("remaining").asInt()
              + " stripes after " + CliDuration.text(timeout));
        }
        int left = status.get("remaining").asInt();
        bar.show("drain", first - Math.min(first, left), first, () -> blade + ": " + left + " stripes left");
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CliError(CliError.FAILED, "interrupted");
        }
        status = api.get("/api/vnas/drain?blade=" + VnasCommand.q(blade));
      }
    }
    return status;
  }
}
