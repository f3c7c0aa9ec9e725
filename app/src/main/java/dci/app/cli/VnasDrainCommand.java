package dci.app.cli;

import dci.protocol.vnas.DrainRequest;
import dci.protocol.vnas.DrainStatus;
import java.time.Duration;
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
    DrainStatus status = api.post("/api/vnas/drain", new DrainRequest(blade, stop ? true : null), DrainStatus.class);
    if (!stop && !noWait) {
      status = await(api, status);
    }
    var out = spec.commandLine().getOut();
    if (root.output() == DciCommand.Output.json) {
      Printer.json(out, status);
    } else {
      out.printf("%s: %s, %d stripes left on it%n", blade, status.draining() ? "draining" : "not draining",
          status.remaining());
    }
  }

  /** Asks until no stripe is left on the blade, showing how many went; the last status. */
  private DrainStatus await(ApiClient api, DrainStatus status) {
    int first = Math.max(1, status.remaining());
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    try (Progress bar = Progress.of(spec, progress)) {
      while (status.remaining() > 0) {
        if (System.currentTimeMillis() > deadline) {
          throw new CliError(CliError.FAILED, blade + " still holds " + status.remaining()
              + " stripes after " + CliDuration.text(timeout));
        }
        int left = status.remaining();
        bar.show("drain", first - Math.min(first, left), first, () -> blade + ": " + left + " stripes left");
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CliError(CliError.FAILED, "interrupted");
        }
        status = api.get("/api/vnas/drain?blade=" + VnasCommand.q(blade), DrainStatus.class);
      }
    }
    return status;
  }
}
