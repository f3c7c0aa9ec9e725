package dci.app.failover;

import dci.actors.feature.FeatureContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.typesafe.config.Config;
import dci.app.failover.DeskHolds;
import dci.app.failover.Failover;
import dci.app.failover.FailoverContext;
import dci.app.failover.FailoverSettings;
import dci.hardware.body.BladeBody;
import dci.hardware.body.HealthMonitor;
import dci.hardware.body.OshiSensors;
import dci.hardware.body.PowerSupply;
import dci.hardware.port.PeripheralSwitch;
import dci.protocol.BladeInfo;
import dci.storage.backup.Backup;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;

/**
 * A blade's body and what looks after it: the body actor (sensors, faults, health), the
 * peripheral switch (every user's desk port), and the fail-over actor, all children of the
 * blade's guardian.
 */
public record Body(ActorRef<BladeBody.Command> body, ActorRef<PeripheralSwitch.Command> portSwitch,
    ActorRef<Failover.Command> failover, DeskHolds holds, FailoverSettings settings, String cage,
    Config desk) {

  /** The health levels of this blade's configuration ({@code dci.body.health}). */
  public static HealthMonitor.Thresholds thresholds(Config config) {
    Config h = config.getConfig("dci.body.health");
    return new HealthMonitor.Thresholds(h.getDouble("temperature-warning"), h.getDouble("temperature-limit"),
        h.getDouble("disk-error-warning"), h.getDouble("disk-error-limit"), h.getDuration("slow-probe").toMillis(),
        h.getInt("trend-samples"));
  }

  /** Starts the body, the peripheral switch and (when enabled) the fail-over actor; never blocks. */
  static CompletionStage<Body> start(FeatureContext c, Backup backup) {
    ActorSystem<?> system = c.system();
    Config config = c.config();
    var blade = c.parts().settings();
    Config b = config.getConfig("dci.body");
    var thresholds = thresholds(config);
    PowerSupply power = b.getString("power").equals("process") ? PowerSupply.process() : system::terminate;
    String cage = b.getString("cage");
    FailoverSettings settings = FailoverSettings.from(config);
    DeskHolds holds = new DeskHolds();
    var body = c.spawn(BladeBody.create(new BladeBody.Settings(blade.name(), cage, blade.dataDir(),
        b.getDuration("sample-interval"), b.getDuration("quiet-interval"), thresholds), new OshiSensors(), power, c.io()), "body");
    var portSwitch = c.spawn(PeripheralSwitch.create(settings.writeTimeout()), "peripheral-switch");
    return body.thenCombine(portSwitch, (bodyRef, switchRef) -> new Body(bodyRef, switchRef, null, holds, settings,
        cage, config.getConfig("dci.desk"))).thenCompose(started -> {
          if (!settings.enabled()) {
            return CompletableFuture.completedFuture(started);
          }
          FailoverContext fx = new FailoverContext(blade.name(), blade.dataDir(), settings, c.parts().directory(),
              started.portSwitch(), c.parts().log(), () -> backup.configs().all(), backup.client(), c.peers(),
              config.getInt("dci.backup.parallelism"), c.io(), holds, lost -> down(system, lost));
          return c.spawn(Failover.create(fx), "failover").thenApply(failover -> new Body(started.body(),
              started.portSwitch(), failover, holds, settings, cage, started.desk()));
        });
  }

  /** Downs a blade confirmed lost, so membership converges without waiting for the resolver. */
  private static void down(ActorSystem<?> system, BladeInfo b) {
    if (b == null || b.address() == null) {
      return;
    }
    var hp = dci.actors.BladeSettings.parseSeed(b.address());
    Cluster.get(system).manager().tell(new Down(new Address("pekko", dci.actors.BladeSettings.SYSTEM_NAME,
        hp.host(), hp.port())));
  }
}
