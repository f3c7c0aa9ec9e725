package dci.app.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dci.actors.BladeSettings;
import dci.actors.tls.JoinBundle;
import dci.actors.tls.TlsBootstrap;
import dci.actors.DciConfig;
import dci.app.node.BladeNode;
import dci.app.node.StartTurn;
import dci.actors.tls.LocalEnrolment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dci node}: one blade in this process, joining seeds or forming a new cluster. */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = {"Run one blade in this process. With no --seed it forms a new cluster with itself",
        "(and, the first time, writes DATA/admin.password). Ctrl-C leaves the cluster gracefully."})
final class NodeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--name", paramLabel = "NAME", description = "Blade name (default from config: blade-1).")
  String name;

  @Option(names = "--port", paramLabel = "Q", description = "Artery port (default 25520).")
  Integer port;

  @Option(names = "--http-port", paramLabel = "P", description = "HTTP API port (default 8080).")
  Integer httpPort;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default ./data/blade).")
  Path data;

  @Option(names = "--host", paramLabel = "H", description = "Address to bind and advertise (default 127.0.0.1).")
  String host;

  @Option(names = "--http-host", paramLabel = "H", description = "Address of the HTTP API (default: --host).")
  String httpHost;

  @Option(names = "--seed", paramLabel = "HOST:PORT", description = "A blade to join; repeatable.")
  List<String> seeds;

  @Option(names = "--dc", paramLabel = "NAME", description = "Data center (default: default).")
  String dataCenter;

  @Option(names = "--role", paramLabel = "R", description = "A role of this blade; repeatable.")
  List<String> roles;

  @Option(names = "--cage", paramLabel = "NAME",
      description = "The cage (power domain) this blade sits in (default: cage-1).")
  String cage;

  @Option(names = "--config", paramLabel = "FILE", description = "HOCON file over the defaults (see config/examples).")
  Path configFile;

  @Option(names = "--join", paramLabel = "FILE",
      description = {"The join bundle of this blade (from `dci cert issue --blade NAME --out FILE` on the cluster):",
          "the cluster CA and this blade's key and certificate. Needed the first time a blade joins;",
          "kept in DATA/tls after that."})
  Path join;

  @Option(names = "--await-admission",
      description = {"Do not form a cluster: wait on the cluster port (HTTPS, a key of its own)",
          "until `dci admit HOST` on a cluster admits this node, then join it. No --seed;",
          "a node admitted before joins the seeds it was given."})
  boolean awaitAdmission;

  @Option(names = "--admission-code", paramLabel = "CODE",
      description = {"With --await-admission: admit only with this code (`dci admit HOST --code CODE`);",
          "default: $DCI_ADMISSION_CODE (not shown to other users by ps)."})
  String admissionCode;

  @Option(names = "--https", description = "Serve the API over HTTPS on loopback too (always so off loopback).")
  boolean https;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> body = new HashMap<>();
    if (https) {
      body.put("dci.http.https", "on");
    }
    // a blade that is its own process dies with it when its power is cut
    body.put("dci.body.power", "process");
    put(body, "dci.body.cage", cage);
    Config base = ConfigFactory.parseMap(body).withFallback(DciConfig.base(configFile));
    BladeSettings settings = BladeSettings.fromConfig(
        overrides().withFallback(base).withFallback(ConfigFactory.defaultReference()).resolve());
    var out = spec.commandLine().getOut();
    exitWithParent(System.getenv("DCI_EXIT_WITH_PARENT"));
    if (admissionCode == null && awaitAdmission) {
      admissionCode = DciCommand.root(spec).env().get("DCI_ADMISSION_CODE");
    }
    if (awaitAdmission) {
      settings = awaitAdmission(settings, out);
    } else if (admissionCode != null) {
      throw new CliError(CliError.USAGE, "--admission-code goes with --await-admission");
    }
    Config full = DciConfig.forBlade(settings, base);
    if (join != null) {
      try {
        TlsBootstrap.install(settings, JoinBundle.read(join));
      } catch (IllegalArgumentException e) {
        throw new CliError(CliError.USAGE, e.getMessage());
      }
    } else if (!settings.formsCluster()) {
      LocalEnrolment.joinIfOffered(settings, DciCommand.root(spec).env(), out);
    } else if (full.getBoolean("dci.tls.local-enrolment")) {
      TlsBootstrap.prepare(settings);
      LocalEnrolment.offer(settings, dci.actors.ApiAddress.url(settings, full), DciCommand.root(spec).env());
    }
    // blades of one machine start one after the other (see StartTurn)
    StartTurn turn = StartTurn.take(StartTurn.defaultFile(), StartTurn.MAX_WAIT, out);
    long t0 = System.nanoTime();
    BladeNode node;
    try {
      node = BladeNode.with(settings, base).adminPasswordFile(settings.dataDir().resolve("admin.password")).start();
    } catch (RuntimeException e) {
      turn.close();
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> node.leave(Duration.ofSeconds(20)), "dci-leave"));
    Launch.describe(out, node);
    if (settings.formsCluster()) {
      Launch.bootstrap(out, node.bootstrap());
    }
    long lastNotice = System.nanoTime();
    while (!node.isUp() && !node.system().whenTerminated().isCompleted()) {
      Thread.sleep(100);
      if (System.nanoTime() - t0 > StartTurn.MAX_HOLD.toNanos()) {
        turn.close(); // joining takes long (a seed not up yet): the next blade need not wait for that
      }
      if (System.nanoTime() - lastNotice > 10_000_000_000L) {
        out.printf("still joining %s ...%n", settings.seeds());
        out.flush();
        lastNotice = System.nanoTime();
      }
    }
    turn.close();
    if (node.isUp()) {
      out.printf("ready: %s Up in %s%n", settings.name(), Launch.seconds(t0));
      out.flush();
    }
    node.system().getWhenTerminated().toCompletableFuture().join();
    return 0;
  }

  private BladeSettings awaitAdmission(BladeSettings settings, java.io.PrintWriter out) {
    if (seeds != null || join != null) {
      throw new CliError(CliError.USAGE, "--await-admission waits for a cluster to admit it: no --seed or --join");
    }
    try {
      return dci.app.discovery.AwaitAdmission.await(settings, admissionCode, out);
    } catch (IllegalArgumentException e) {
      throw new CliError(CliError.USAGE, e.getMessage());
    }
  }

  /**
   * With {@code DCI_EXIT_WITH_PARENT=PID} (set by test harnesses), the blade halts once that
   * process is gone, so a harness killed with SIGKILL leaves no blade behind.
   */
  private static void exitWithParent(String pid) {
    if (pid == null || pid.isBlank()) {
      return;
    }
    long id;
    try {
      id = Long.parseLong(pid.trim());
    } catch (NumberFormatException e) {
      throw new CliError(CliError.USAGE, "DCI_EXIT_WITH_PARENT must be a process id, not '"
          + dci.protocol.auth.Names.printable(pid) + "'");
    }
    java.util.Optional<ProcessHandle> parent = ProcessHandle.of(id);
    Thread watch = new Thread(() -> {
      while (parent.map(ProcessHandle::isAlive).orElse(false)) {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
      }
      Runtime.getRuntime().halt(137);
    }, "dci-exit-with-parent");
    watch.setDaemon(true);
    watch.start();
  }

  private Config overrides() {
    Map<String, Object> m = new HashMap<>();
    put(m, "dci.blade.name", name);
    put(m, "dci.blade.port", port);
    put(m, "dci.http.port", httpPort);
    put(m, "dci.blade.data", data == null ? null : data.toAbsolutePath().toString());
    put(m, "dci.blade.host", host);
    put(m, "dci.http.host", httpHost != null ? httpHost : host);
    put(m, "dci.blade.seeds", seeds);
    put(m, "dci.blade.data-center", dataCenter);
    put(m, "dci.blade.roles", roles);
    return ConfigFactory.parseMap(m);
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
