package dci.app.node;

import dci.actors.CoreFeature;
import dci.actors.feature.Feature;
import dci.actors.messaging.MessagingFeature;
import dci.app.aims.AimsFeature;
import dci.app.console.ConsoleFeature;
import dci.app.discovery.DiscoveryFeature;
import dci.app.exports.ExportsFeature;
import dci.app.failover.FailoverFeature;
import dci.app.moves.MovesFeature;
import dci.app.packages.PackagesFeature;
import dci.app.peerlets.AppsFeature;
import dci.app.resources.ResourcesFeature;
import dci.storage.backup.BackupFeature;
import dci.storage.vnas.VnasFeature;
import java.util.List;

/**
 * The features of every blade, in the order they start (a feature may use what one before it
 * provides). Adding a feature is one line here.
 */
public final class BladeFeatures {
  private BladeFeatures() {}

  public static List<Feature> all() {
    return List.of(
        new CoreFeature(),
        new MessagingFeature(),
        new AppsFeature(),
        new VnasFeature(),
        new BackupFeature(),
        new FailoverFeature(),
        new MovesFeature(),
        new PackagesFeature(),
        new ConsoleFeature(),
        new ResourcesFeature(),
        new ExportsFeature(),
        new AimsFeature(),
        new DiscoveryFeature());
  }
}
