package dci.actors.peerlet;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * What the peerlet manager allows, from {@code dci.peerlets}: beyond any of these an envelope
 * is refused with an Undeliverable notice to its sender, and nothing already held is harmed.
 *
 * @param queueLimit envelopes waiting for an instance that is not ready yet
 * @param maxRestarts restarts of a crashing instance per {@code restartWindow} before it is stopped
 * @param restartWindow see {@code maxRestarts}
 * @param maxInstancesPerApp live instances of one app type on this blade
 * @param instanceBudget bytes of state one instance may keep (its peerlet counts them)
 */
public record PeerletLimits(int queueLimit, int maxRestarts, Duration restartWindow, int maxInstancesPerApp,
    long instanceBudget) {

  public PeerletLimits {
    if (queueLimit < 1 || maxInstancesPerApp < 1 || instanceBudget < 1) {
      throw new IllegalArgumentException(
          "dci.peerlets.queue-limit, max-instances-per-app and instance-budget must be >= 1");
    }
  }

  /** The limits under {@code dci.peerlets} of {@code config}. */
  public static PeerletLimits from(Config config) {
    Config p = config.getConfig("dci.peerlets");
    return new PeerletLimits(p.getInt("queue-limit"), p.getInt("max-restarts"), p.getDuration("restart-window"),
        p.getInt("max-instances-per-app"), p.getBytes("instance-budget"));
  }
}
