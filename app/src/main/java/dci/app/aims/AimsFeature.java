package dci.app.aims;

import dci.actors.feature.Feature;
import dci.actors.feature.FeatureContext;
import dci.actors.feature.Offer;
import dci.hardware.ReplicatedMap;
import dci.hardware.body.BladeBody;
import dci.hardware.body.Reading;
import dci.protocol.aims.Alert;
import dci.protocol.aims.AlertRule;
import dci.protocol.aims.MaintenanceJob;
import dci.protocol.aims.MaintenanceResult;
import dci.protocol.aims.PolicyDoc;
import dci.actors.auth.LoginThrottle;
import dci.app.packages.Packages;
import dci.storage.vnas.Vnas;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.AllDirectives;

/**
 * AIMS (Fig. 27), managing every blade from any blade: compliance of what each host runs against
 * the cluster's policy, system logs across blades, alert rules on the blades' samples, and ClamAV
 * scans of what is written to the VNAS (infected files quarantined and alerted). Policy, rules and
 * alerts in force are replicated and durable ({@code dci-aims-*}). Uses the VNAS when it runs.
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
    Alerts alerts = new Alerts(c.system(), inForce, c.parts().log(), c.io(), c.clock());
    ClamAv clam = new ClamAv(settings.systemSignatures(), aims.resolve("signatures"), settings.scanTimeout());
    return CompletableFuture.supplyAsync(() -> {
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
    }, c.io()).thenCompose(received -> {
      var packages = c.services().find(Packages.class).orElse(null);
      AimsHost host = new AimsHost(c.blade(), data, settings, received, policies, c.io(), c.clock(), packages);
      Fleet fleet = new Fleet(c.system(), c.parts().directory(), c.peers(), c.blade());
      CompletionStage<?> scanner = c.services().find(Vnas.class).filter(v -> settings.scanVnas())
          .<CompletionStage<?>>map(vnas -> c.spawn(InfectionScanner.create(new InfectionScanner.Settings(c.blade(),
                  settings.scanQueue(), settings.scanMaxBytes(), aims.resolve("scanning")), clam, host.quarantine(),
              vnas.volume(), alerts, c.io(), c.clock()), "aims-scanner").thenApply(ref -> {
                vnas.volume().onWritten(w -> ref.tell(new InfectionScanner.Scan(w.entry())));
                return ref;
              }))
          .orElse(CompletableFuture.completedFuture(null));
      var maintenanceJobs = new ReplicatedMap<MaintenanceJob>(c.system(), "dci-aims-maintenance", DATA_TIMEOUT);
      var lastRuns = new ReplicatedMap<MaintenanceResult>(c.system(), "dci-aims-maintenance-last", DATA_TIMEOUT);
      return scanner.thenCompose(s -> c.spawn(Alerter.create(c.blade(), health, rules, alerts), "aims-alerter"))
          .thenCompose(alerter -> c.spawn(MaintenanceScheduler.create(c.blade(), maintenanceJobs, fleet,
              new MaintenanceTask(data, settings.memtestMaxMb(), settings.maintenanceTimeout()),
              new MaintenanceLog(aims.resolve("maintenance.jsonl")), lastRuns, c.io(), c.clock()), "aims-maintenance"))
          .thenApply(maintenance -> {
            var routes = new AimsRoutes(c, host, fleet, policies, settings);
            var alertRoutes = new AlertRoutes(c, rules, alerts);
            var audit = new HostAudit(c.blade(), Path.of("/etc"), settings.procRoot(), List.of(data, Path.of("/home")),
                c.services().find(LoginThrottle.class).orElse(null), c.clock());
            var patches = new PatchRollout(c.system(), c.parts(), health, settings.patchStepTimeout(),
                settings.patchHealthTimeout());
            var ops = new AimsOpsRoutes(c, fleet, new HostServices(c.blade(), packages, settings.initDir()), audit, patches, settings);
            var mr = new MaintenanceRoutes(c, maintenanceJobs, lastRuns, maintenance, fleet,
                settings.maintenanceTimeout(), settings.memtestMaxMb());
            return Offer.builder().api(concat(routes.api(), alertRoutes.routes(), ops.api(), mr.api()))
                .root(concat(routes.internal(), ops.internal(), mr.internal()))
                .peerlet(AimsPeerlet.type(new HostPatch(settings.patchStepTimeout())))
                .build();
          });
    });
  }
}
