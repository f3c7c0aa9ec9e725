package dci.app.discovery;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code dci.discovery}: the bounds of a probe (addresses, connects at once, connects a second,
 * how long a connect and an answer may take) and how long an admission may wait for the new
 * blade to be Up.
 */
record DiscoverySettings(int maxAddresses, int maxConcurrent, int rate, Duration connectTimeout,
    Duration answerTimeout, Duration admitTimeout) {

  DiscoverySettings {
    if (maxAddresses < 1 || maxConcurrent < 1 || rate < 1) {
      throw new IllegalArgumentException("dci.discovery.max-addresses, max-concurrent and rate must be positive");
    }
  }

  static DiscoverySettings of(Config config) {
    Config d = config.getConfig("dci.discovery");
    return new DiscoverySettings(d.getInt("max-addresses"), d.getInt("max-concurrent"), d.getInt("rate"),
        d.getDuration("connect-timeout"), d.getDuration("answer-timeout"), d.getDuration("admit-timeout"));
  }
}
