package dci.storage.backup;

import dci.actors.feature.Feature;
import dci.actors.feature.FeatureContext;
import dci.actors.feature.Offer;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Peer backup: this blade's agent (schedules, runs, peersync, restores), the store of other
 * blades' backups, the backup API under {@code /api/backup} and the store's blade-to-blade
 * routes under {@code /internal/backup}. Provides {@link Backup} to later features.
 */
public final class BackupFeature implements Feature {

  @Override
  public String name() {
    return "backup";
  }

  @Override
  public List<String> durableKeys() {
    return List.of("dci-backup-*");
  }

  @Override
  public CompletionStage<Offer> start(FeatureContext c) {
    return Backup.start(c).thenApply(backup -> Offer.builder()
        .api(new BackupRoutes(c, backup).routes())
        .root(new BackupPeerRoutes(c, backup).routes())
        .provide(Backup.class, backup)
        .build());
  }
}
