package dci.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;

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
   * Pekko's reference configuration.
   */
  public static Config forBlade(BladeSettings settings, Config base) {
    return ConfigFactory.systemProperties()
        .withFallback(settings.asConfig())
        .withFallback(base)
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }
}
