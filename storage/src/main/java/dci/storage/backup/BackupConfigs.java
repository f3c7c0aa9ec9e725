package dci.storage.backup;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * Every blade's backup settings, replicated to all blades and durable (key {@code
 * dci-backup-config}): any blade answers for any other, including one that is gone.
 */
public final class BackupConfigs {
  public static final Key<LWWMap<String, BackupConfig>> KEY = LWWMapKey.create("dci-backup-config");

  private final ActorSystem<?> system;
  private final ActorRef<Replicator.Command> replicator;
  private final SelfUniqueAddress node;
  private final Duration timeout;

  public BackupConfigs(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.replicator = DistributedData.get(system).replicator();
    this.node = DistributedData.get(system).selfUniqueAddress();
    this.timeout = timeout;
  }

  /** Every blade's settings as this blade knows them (blades never configured are absent). */
  public CompletionStage<Map<String, BackupConfig>> all() {
    return AskPattern.<Replicator.Command, Replicator.GetResponse<LWWMap<String, BackupConfig>>>ask(replicator,
            r -> new Replicator.Get<>(KEY, Replicator.readLocal(), r), timeout, system.scheduler())
        .thenApply(rsp -> rsp instanceof Replicator.GetSuccess<LWWMap<String, BackupConfig>> ok
            ? ok.get(KEY).getEntries() : Map.of());
  }

  /**
   * Every blade's settings as a majority of blades know them (so a change just written through
   * any blade is seen); this blade's copy if no majority answers in time.
   */
  public CompletionStage<Map<String, BackupConfig>> allFromMajority() {
    return AskPattern.<Replicator.Command, Replicator.GetResponse<LWWMap<String, BackupConfig>>>ask(replicator,
            r -> new Replicator.Get<>(KEY, new Replicator.ReadMajority(timeout), r), timeout.plusSeconds(1),
            system.scheduler())
        .thenCompose(rsp -> rsp instanceof Replicator.GetSuccess<LWWMap<String, BackupConfig>> ok
            ? CompletableFuture.completedFuture(ok.get(KEY).getEntries())
            : rsp instanceof Replicator.NotFound ? CompletableFuture.completedFuture(Map.<String, BackupConfig>of())
            : all());
  }

  /** The blade's settings, the defaults if it was never configured. */
  public CompletionStage<BackupConfig> of(String blade) {
    return all().thenApply(m -> m.getOrDefault(blade, BackupConfig.DEFAULT));
  }

  /** Stores a blade's settings on a majority of blades (the rest hear by gossip). */
  public CompletionStage<BackupConfig> put(String blade, BackupConfig config) {
    return AskPattern.<Replicator.Command, Replicator.UpdateResponse<LWWMap<String, BackupConfig>>>ask(replicator,
            r -> new Replicator.Update<>(KEY, LWWMap.create(), new Replicator.WriteMajority(timeout), r,
                m -> m.put(node, blade, config)), timeout.plusSeconds(2), system.scheduler())
        .thenCompose(rsp -> rsp instanceof Replicator.UpdateSuccess || rsp instanceof Replicator.UpdateTimeout
            ? CompletableFuture.completedFuture(config)
            : CompletableFuture.failedFuture(new IllegalStateException("the backup settings were not stored: " + rsp)));
  }
}
