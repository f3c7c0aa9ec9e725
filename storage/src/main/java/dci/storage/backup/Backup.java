package dci.storage.backup;

import dci.actors.feature.FeatureContext;
import java.util.concurrent.CompletionStage;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;

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

  /** Starts the peer backup on the blade of {@code c}; completes once its agent is spawned. */
  public static CompletionStage<Backup> start(FeatureContext c) {
    Config cfg = c.config().getConfig("dci.backup");
    var blade = c.parts().settings();
    Path root = blade.dataDir().resolve("backup");
    BackupStore store = new BackupStore(root.resolve("store"), cfg.getDuration("gc-grace"));
    PeerClient client = new PeerClient(c.peers(), cfg.getDuration("transfer-timeout"),
        UploadLimit.of(cfg.getBytes("limit-upload")));
    var settings = new BackupAgent.Settings(blade.name(), blade.dataCenter(), blade.dataDir(), cfg.getDuration("tick"),
        cfg.getDuration("sync-interval"), cfg.getDuration("mirror-lag"), cfg.getInt("parallelism"));
    BackupConfigs configs = new BackupConfigs(c.system(), cfg.getDuration("write-timeout"));
    return c.spawn(BackupAgent.create(settings, store, client, c.parts().directory(), configs, c.io(), c.clock()),
        "backup-agent").thenApply(agent -> new Backup(store, agent, configs, c.io(), client));
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
