package dci.actors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DciConfigTest {
  @TempDir Path dir;

  private BladeSettings settings() {
    return new BladeSettings("blade-3", "127.0.0.1", 25533, "127.0.0.1", 8093, dir.resolve("blade-3"),
        List.of("127.0.0.1:25531"), "default", List.of());
  }

  @Test
  void theDefaultsArePackedIntoTheJarAndLoaded() {
    Config base = DciConfig.base(null);
    assertThat(base.getInt("dci.blade.port")).isEqualTo(25520);
    assertThat(base.getInt("dci.auth.pbkdf2-iterations")).isEqualTo(210000);
    assertThat(base.hasPath("dci.directory.stats-interval")).isTrue();
  }

  @Test
  void aBladesSettingsDecideItsAddressDataAndDurableStore() {
    Config c = DciConfig.forBlade(settings(), DciConfig.base(null));
    assertThat(c.getString("pekko.actor.provider")).isEqualTo("cluster");
    assertThat(c.getString("pekko.remote.artery.canonical.hostname")).isEqualTo("127.0.0.1");
    assertThat(c.getInt("pekko.remote.artery.canonical.port")).isEqualTo(25533);
    assertThat(c.getString("pekko.cluster.multi-data-center.self-data-center")).isEqualTo("default");
    assertThat(Path.of(c.getString("pekko.cluster.distributed-data.durable.lmdb.dir")))
        .as("durable users live under the blade's data directory, in a directory not named ddata")
        .startsWithRaw(dir.resolve("blade-3"))
        .satisfies(p -> assertThat(p.getFileName().toString()).isNotEqualTo("ddata"));
    assertThat(c.getStringList("pekko.cluster.distributed-data.durable.keys"))
        .contains("dci-users", "dci-token-key", "dci-revoked");
    assertThat(c.getBoolean("pekko.actor.allow-java-serialization")).isFalse();
    // Pekko's reference configuration is there too
    assertThat(c.hasPath("pekko.cluster.distributed-data.name")).isTrue();
  }

  @Test
  void anOperatorFileOverridesTheDefaultsAndTheSettingsOverrideTheFile() throws Exception {
    Path file = dir.resolve("site.conf");
    Files.writeString(file, """
        dci.auth.token-ttl = 1h
        dci.blade.port = 1234
        """);
    Config c = DciConfig.forBlade(settings(), DciConfig.base(file));
    assertThat(c.getDuration("dci.auth.token-ttl")).hasHours(1);
    assertThat(c.getInt("dci.blade.port")).isEqualTo(25533);
    assertThat(c.getInt("pekko.remote.artery.canonical.port")).isEqualTo(25533);
  }

  @Test
  void testOverridesWinOverTheDefaults() {
    Config c = TestBlades.configFor(settings());
    assertThat(c.getInt("dci.auth.pbkdf2-iterations")).isEqualTo(1000);
    assertThat(c.getDuration("pekko.cluster.failure-detector.acceptable-heartbeat-pause")).hasSeconds(6);
  }

  @Test
  void aMissingOperatorFileIsRefusedWithItsName() {
    Path missing = dir.resolve("nope.conf");
    assertThatThrownBy(() -> DciConfig.base(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("configuration file not found: " + missing);
  }
}
