package dci.app.cli;

import dci.protocol.discovery.AdmitRequest;
import dci.protocol.discovery.Admitted;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci admit HOST}: let a node waiting for admission into the cluster. */
@Command(name = "admit", mixinStandardHelpOptions = true,
    description = {"Admit the node waiting at HOST (dci node --await-admission): the cluster CA",
        "certifies the node's own key (no private key crosses the network), the node",
        "gets the cluster's blades as seeds and joins; waits until it is Up.",
        "--fingerprint refuses a node showing another key than the one it printed."})
final class AdmitCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "HOST") String host;

  @Option(names = "--port", paramLabel = "PORT", description = "Its cluster port (default 25520).")
  Integer port;

  @Option(names = "--name", paramLabel = "NAME", description = "The name it must have (refused otherwise).")
  String name;

  @Option(names = "--code", paramLabel = "CODE", description = "Its admission code (dci node --admission-code).")
  String code;

  @Option(names = "--fingerprint", paramLabel = "SHA256",
      description = "The key fingerprint the waiting node printed (refused if it shows another).")
  String fingerprint;

  @Override
  public void run() {
    DciCommand root = DciCommand.root(spec);
    boolean json = root.output() == DciCommand.Output.json;
    String where = host + ":" + (port == null ? 25520 : port);
    if (!json) {
      spec.commandLine().getErr().printf("admitting %s, waiting until it is Up ...%n", where);
      spec.commandLine().getErr().flush();
    }
    Admitted a = Wire.read(VnasCommand.api(root).post("/api/admit", new AdmitRequest(host, port, name, code,
        fingerprint), Duration.ofMinutes(3)), Admitted.class);
    SpareCommand.done(spec, a, a.blade() + " admitted: " + a.status() + " at " + a.address());
  }
}
