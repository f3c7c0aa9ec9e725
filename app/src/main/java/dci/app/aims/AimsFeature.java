package dci.app.aims;

import dci.actors.auth.LoginThrottle;
import dci.actors.feature.Feature;
import dci.actors.feature.FeatureContext;
import dci.actors.feature.Offer;
import dci.app.packages.Packages;
import dci.hardware.ReplicatedMap;
import dci.hardware.body.BladeBody;
import dci.hardware.body.Reading;
import dci.protocol.BladeStatus;
import dci.protocol.aims.Alert;
import dci.protocol.aims.AlertRule;
import dci.protocol.aims.MaintenanceJob;
import dci.protocol.aims.MaintenanceResult;
import dci.protocol.aims.PolicyDoc;
import dci.storage.vnas.Vnas;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.server.AllDirectives;

/**
 * AIMS (Fig. 27), managing every blade from any blade: compliance of what each host runs against
 * the cluster's policy, audits, services, patches, system logs across blades, alert rules on the
 * blades' samples, scheduled maintenance, and ClamAV scans of what is written to the VNAS and of
 * the desk homes (infected files quarantined and alerted). Policy, rules, jobs and alerts in force
 * are replicated and durable ({@code dci-aims-*}). Uses the VNAS and packages when they run.
 */
public final class AimsFeature extends AllDirectives implements Feature {
  private static final Duration DATA_TIMEOUT = Duration.ofSeconds(5);

  @Override
  public String name() {
    return "aims";
  }

  @Override
  public List<String> durableKeys() {
    return List.of("dci-aims-*");
  }

  @Override
  public CompletionStage<Offer> start(FeatureContext c) {
    AimsSettings settings = AimsSettings.from(c.config());
    Path data = c.parts().settings().dataDir();
    Path aims = data.resolve("aims");
    var policies = new ReplicatedMap<PolicyDoc>(c.system(), "dci-aims-policy", DATA_TIMEOUT);
    var rules = new ReplicatedMap<AlertRule>(c.system(), "dci-aims-alert-rules", DATA_TIMEOUT);
    var inForce = new ReplicatedMap<Alert>(c.system(), "dci-aims-alerts", DATA_TIMEOUT);
    var health = new ReplicatedMap<Reading>(c.system(), BladeBody.HEALTH_MAP, DATA_TIMEOUT);
    var jobs = new ReplicatedMap<MaintenanceJob>(c.system(), "dci-aims-maintenance", DATA_TIMEOUT);
    var lastRuns = new ReplicatedMap<MaintenanceResult>(c.system(), "dci-aims-maintenance-last", DATA_TIMEOUT);
    Alerts alerts = new Alerts(c.system(), inForce, c.parts().log(), c.io(), c.clock());
    ClamAv clam = new ClamAv(settings.systemSignatures(), aims.resolve("signatures"), settings.scanTimeout());
    Packages packages = c.services().find(Packages.class).orElse(null);
    Vnas vnas = c.services().find(Vnas.class).orElse(null);
    Fleet fleet = new Fleet(c.system(), c.parts().directory(), c.peers(), c.blade());
    return CompletableFuture.supplyAsync(() -> prepare(c, settings, clam, aims), c.io()).thenCompose(received -> {
      AimsHost host = new AimsHost(c.blade(), data, settings, received, policies, c.io(), c.clock(), packages);
      HomeScan homes = new HomeScan(c.blade(), data.resolve("home"), clam, host.quarantine(), alerts, c.clock());
      var scannerSettings = new InfectionScanner.Settings(c.blade(), settings.scanQueue(), settings.scanMaxBytes(),
          aims.resolve("scanning"), settings.scanEvery());
      return c.spawn(InfectionScanner.create(scannerSettings, clam, host.quarantine(), vnas == null ? null
              : vnas.volume(), alerts, c.io(), c.clock(), homes, () -> firstUp(c)), "aims-scanner")
          .thenCompose(scanner -> {
            if (vnas != null && settings.scanVnas()) {
              vnas.volume().onWritten(w -> scanner.tell(new InfectionScanner.Scan(w.entry())));
            }
            return c.spawn(Alerter.create(c.blade(), health, rules, alerts), "aims-alerter")
                .thenCompose(alerter -> c.spawn(MaintenanceScheduler.create(c.blade(), jobs, fleet,
                    new MaintenanceTask(data, settings.memtestMaxMb(), settings.maintenanceTimeout()),
                    new MaintenanceLog(aims.resolve("maintenance.jsonl")), lastRuns, c.io(), c.clock()),
                    "aims-maintenance"))
                .thenApply(maintenance -> {
                  var audit = new HostAudit(c.blade(), Path.of("/etc"), settings.procRoot(),
                      List.of(data, Path.of("/home")), c.services().find(LoginThrottle.class).orElse(null), c.clock());
                  var patches = new PatchRollout(c.system(), c.parts(), health, settings.patchStepTimeout(),
                      settings.patchHealthTimeout());
                  var routes = new AimsRoutes(c, host, fleet, policies, settings);
                  var alertRoutes = new AlertRoutes(c, rules, alerts);
                  var ops = new AimsOpsRoutes(c, fleet, new HostServices(c.blade(), packages, settings.initDir()),
                      audit, patches, settings);
                  var mr = new MaintenanceRoutes(c, jobs, lastRuns, maintenance, fleet, settings.maintenanceTimeout(),
                      settings.memtestMaxMb());
                  var scan = new ScanRoutes(c, fleet, scanner, homes, settings.scanTimeout());
                  var playback = new PlaybackRoutes(c, fleet);
                  var healthRules = new HealthRoutes(c, dci.app.failover.Body.thresholds(c.config()));
                  return Offer.builder()
                      .api(concat(routes.api(), alertRoutes.routes(), ops.api(), mr.api(), scan.api(), playback.api(),
                          healthRules.api()))
                      .root(concat(routes.internal(), ops.internal(), mr.internal(), scan.internal()))
                      .peerlet(AimsPeerlet.type(new HostPatch(settings.patchStepTimeout())))
                      .build();
                });
          });
    });
  }

  /** Installs DCI's own signatures and (when asked and nobody else does) starts the syslog receiver. */
  private static Path prepare(FeatureContext c, AimsSettings settings, ClamAv clam, Path aims) {
    try {
      clam.installOwnSignatures();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Path received = aims.resolve("syslog.log");
    if (settings.receiveSyslog()) {
      Path socket = settings.syslogListen().equals("auto") ? settings.syslogSocket() : Path.of(settings.syslogListen());
      SyslogReceiver r = SyslogReceiver.start(socket, received, settings.syslogKeep(), c.clock());
      if (r != null) {
        c.system().getWhenTerminated().thenRun(r::close);
      }
    }
    return received;
  }

  /** Whether this blade is the first Up blade by name (it runs the scheduled VNAS sweep). */
  private static CompletionStage<Boolean> firstUp(FeatureContext c) {
    return AskPattern.<dci.actors.directory.Directory.Command, dci.actors.directory.Directory.Blades>ask(
            c.parts().directory(), dci.actors.directory.Directory.GetBlades::new, Duration.ofSeconds(10),
            c.system().scheduler())
        .thenApply(d -> d.blades().stream().filter(b -> b.status() == BladeStatus.Up).map(b -> b.name()).sorted()
            .findFirst().map(c.blade()::equals).orElse(false));
  }
}
