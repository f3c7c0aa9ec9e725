package dci.storage.backup;

import com.typesafe.config.Config;
import dci.actors.Blade;
import dci.storage.vnas.ServiceTokens;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * The peer backup on one blade: its backup store (what it holds for other blades, under
 * {@code DATA/backup/store/}), its agent (an actor, child of the blade's guardian), and the
 * replicated settings of every blade.
 */
public final class Backup {
  private final BackupStore store;
  private final ActorRef<BackupAgent.Command> agent;
  private final BackupConfigs configs;
  private final Executor io;
  private final PeerClient client;

  private Backup(BackupStore store, ActorRef<BackupAgent.Command> agent, BackupConfigs configs, Executor io,
      PeerClient client) {
    this.client = client;
    this.store = store;
    this.agent = agent;
    this.configs = configs;
    this.io = io;
  }

  public static Backup start(ActorSystem<Blade.Command> system, Blade.Parts parts, Config config) {
    return start(system, parts, config, Clock.systemDefaultZone());
  }

  /** Starts with {@code clock} deciding when schedules fire (tests pass their own). */
  public static Backup start(ActorSystem<Blade.Command> system, Blade.Parts parts, Config config, Clock clock) {
    Config c = config.getConfig("dci.backup");
    var blade = parts.settings();
    Path root = blade.dataDir().resolve("backup");
    Executor io = system.dispatchers().lookup(DispatcherSelector.fromConfig("dci.blocking-io-dispatcher"));
    BackupStore store = new BackupStore(root.resolve("store"), c.getDuration("gc-grace"));
    ServiceTokens tokens = new ServiceTokens(system, parts.users());
    PeerClient client = new PeerClient(() -> PeerClient.await(tokens.token()), c.getDuration("transfer-timeout"));
    var settings = new BackupAgent.Settings(blade.name(), blade.dataCenter(), blade.dataDir(), c.getDuration("tick"),
        c.getDuration("sync-interval"), c.getDuration("mirror-lag"), c.getInt("parallelism"));
    BackupConfigs configs = new BackupConfigs(system, c.getDuration("write-timeout"));
    ActorRef<BackupAgent.Command> agent = spawn(system,
        BackupAgent.create(settings, store, client, parts.directory(), configs, io, clock), "backup-agent");
    return new Backup(store, agent, configs, io, client);
  }

  private static <T> ActorRef<T> spawn(ActorSystem<Blade.Command> system,
      org.apache.pekko.actor.typed.Behavior<T> behavior, String name) {
    return Blade.spawnPart(system, behavior, name);
  }


  public BackupStore store() {
    return store;
  }

  public ActorRef<BackupAgent.Command> agent() {
    return agent;
  }

  public BackupConfigs configs() {
    return configs;
  }

  /** Calls to other blades' backup stores. */
  public PeerClient client() {
    return client;
  }

  /** Where blocking store work runs. */
  public Executor io() {
    return io;
  }
}
