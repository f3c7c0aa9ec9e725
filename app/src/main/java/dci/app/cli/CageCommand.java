package dci.app.cli;

import com.typesafe.config.Config;
import dci.actors.DciConfig;
import dci.app.node.Cage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dci cage}: the embedded default, N blades in this process. */
@Command(name = "cage", mixinStandardHelpOptions = true,
    description = {"Run N blades in this process as one cluster on 127.0.0.1 (the embedded default).",
        "blade-K listens on Artery port Q+K-1 and API port P+K-1 and keeps its data in DIR/blade-K;",
        "on a new cluster the admin password is written to DIR/admin.password. Ctrl-C leaves gracefully."})
final class CageCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--blades", paramLabel = "N", defaultValue = "3", description = "Number of blades (default 3).")
  int blades;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data/cage", description = "Data directory (default ./data/cage).")
  Path data;

  @Option(names = "--http-port", paramLabel = "P", defaultValue = "8080", description = "API port of blade-1 (default 8080).")
  int httpPort;

  @Option(names = "--port", paramLabel = "Q", defaultValue = "25520", description = "Artery port of blade-1 (default 25520).")
  int port;

  @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1", description = "Address (default 127.0.0.1).")
  String host;

  @Option(names = "--config", paramLabel = "FILE", description = "HOCON file over the defaults.")
  Path configFile;

  @Override
  public Integer call() throws Exception {
    Config base = DciConfig.base(configFile);
    Path dir = data.toAbsolutePath().normalize();
    var plan = Cage.plan(blades, host, port, httpPort, dir);
    var out = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    Cage cage = Cage.start(plan, base, dir.resolve("admin.password"), node -> Launch.describe(out, node));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.err.println("dci: leaving the cluster ...");
      cage.close();
    }, "dci-cage-leave"));
    Launch.bootstrap(out, cage.ensureAdmin());
    if (cage.awaitAllUp(Duration.ofSeconds(60))) {
      out.printf("ready: %d blades Up in %s; log in with: dci login --user admin --password-file %s%n",
          blades, Launch.seconds(t0), cage.adminPasswordFile());
    } else {
      out.printf("warning: not every blade is Up after 60 s; see 'dci status'%n");
    }
    out.flush();
    for (var node : cage.blades()) {
      node.system().getWhenTerminated().toCompletableFuture().join();
    }
    return 0;
  }
}
