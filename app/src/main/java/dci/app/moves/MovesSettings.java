package dci.app.moves;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code dci.moves}: how long one step (a desk hold, a port switch, a stored step) and one copy
 * (a backup run or a restore) may take, how often a move that failed after its ports switched is
 * tried again, and how long a hook may run.
 */
record MovesSettings(Duration stepTimeout, Duration copyTimeout, int retries, Duration hookTimeout) {
  static MovesSettings from(Config config) {
    Config c = config.getConfig("dci.moves");
    return new MovesSettings(c.getDuration("step-timeout"), c.getDuration("copy-timeout"), c.getInt("retries"),
        c.getDuration("hook-timeout"));
  }
}
