package dci.app.node;

import com.typesafe.config.Config;
import dci.actors.Blade;
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
import java.util.concurrent.Executor;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
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

  static Body start(ActorSystem<Blade.Command> system, Blade.Parts parts, Config config, Backup backup) {
    var blade = parts.settings();
    Config c = config.getConfig("dci.body");
    Config h = c.getConfig("health");
    var thresholds = new HealthMonitor.Thresholds(h.getDouble("temperature-warning"), h.getDouble("temperature-limit"),
        h.getDouble("disk-error-warning"), h.getDouble("disk-error-limit"), h.getDuration("slow-probe").toMillis(),
        h.getInt("trend-samples"));
    Executor io = system.dispatchers().lookup(DispatcherSelector.fromConfig("dci.blocking-io-dispatcher"));
    PowerSupply power = c.getString("power").equals("process") ? PowerSupply.process() : system::terminate;
    String cage = c.getString("cage");
    ActorRef<BladeBody.Command> body = Blade.spawnPart(system, BladeBody.create(new BladeBody.Settings(blade.name(),
        cage, blade.dataDir(), c.getDuration("sample-interval"), thresholds), new OshiSensors(), power, io), "body");
    FailoverSettings settings = FailoverSettings.from(config);
    ActorRef<PeripheralSwitch.Command> portSwitch = Blade.spawnPart(system,
        PeripheralSwitch.create(settings.writeTimeout()), "peripheral-switch");
    DeskHolds holds = new DeskHolds();
    ActorRef<Failover.Command> failover = null;
    if (settings.enabled()) {
      FailoverContext fx = new FailoverContext(blade.name(), blade.dataDir(), settings, parts.directory(), portSwitch,
          parts.log(), () -> backup.configs().all(), backup.client(),
          config.getInt("dci.backup.parallelism"), io, holds, b -> down(system, b));
      failover = Blade.spawnPart(system, Failover.create(fx), "failover");
    }
    return new Body(body, portSwitch, failover, holds, settings, cage, config.getConfig("dci.desk"));
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
