package dci.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a blade's configuration: command-line overrides, then an operator's file, then
 * {@code dci-runtime.conf} (this module's tuning of the Pekko runtime), then every module's
 * {@code reference.conf} (each carries the settings of its own features; Pekko's are there too).
 *
 * <p>The reference files are read unresolved, with the rest: a default that refers to another
 * setting (the journal's file under {@code ${dci.blade.data}}) follows what the blade or the
 * operator set, not the default it refers to.
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
    ClassLoader loader = DciConfig.class.getClassLoader();
    // every reference.conf unresolved (so their substitutions see the values above them), parsed
    // once: the same cached parse backs ConfigFactory.defaultReference(), which Pekko reads again
    // (a second parse of the ~30 files cost a blade's start 0.1 s)
    return file.withFallback(ConfigFactory.parseResources(loader, "dci-runtime.conf"))
        .withFallback(ConfigFactory.defaultReferenceUnresolved(loader));
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
