package dci.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads a blade's configuration: command-line overrides, then an operator's file, then
 * {@code dci-defaults.conf} (from {@code config/}), then Pekko's reference configuration.
 */
public final class DciConfig {
  private DciConfig() {}

  /** The defaults and Pekko's reference, with an optional operator file over them. */
  public static Config base(Path operatorFile) {
    Config file = ConfigFactory.empty();
    if (operatorFile != null) {
      if (!Files.isRegularFile(operatorFile)) {
        throw new IllegalArgumentException("configuration file not found: " + operatorFile);
      }
      file = ConfigFactory.parseFile(operatorFile.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    }
    return file.withFallback(ConfigFactory.parseResources("dci-defaults.conf"));
  }

  /**
   * The full configuration of one blade: its settings over the base, resolved against
   * Pekko's reference configuration. A blade that runs fail-over ({@code dci.failover.enabled})
   * carries the cluster role {@link BladeSettings#FAILOVER_ROLE}.
   */
  public static Config forBlade(BladeSettings settings, Config base) {
    Config c = ConfigFactory.systemProperties()
        .withFallback(settings.asConfig())
        .withFallback(base)
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
    if (!c.getBoolean("dci.failover.enabled")) {
      return c;
    }
    List<String> roles = new ArrayList<>(c.getStringList("pekko.cluster.roles"));
    roles.add(BladeSettings.FAILOVER_ROLE);
    return ConfigFactory.parseMap(Map.of("pekko.cluster.roles", roles)).withFallback(c);
  }
}
