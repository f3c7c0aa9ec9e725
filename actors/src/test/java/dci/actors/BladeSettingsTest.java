package dci.actors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BladeSettingsTest {
  private static BladeSettings blade(String name, List<String> seeds) {
    return new BladeSettings(name, "127.0.0.1", 25520, "127.0.0.1", 8080, Path.of("data/x"), seeds, "default",
        List.of());
  }

  @Test
  void parseSeedAcceptsHostColonPort() {
    assertThat(BladeSettings.parseSeed("127.0.0.1:25520")).isEqualTo(new BladeSettings.HostPort("127.0.0.1", 25520));
    assertThat(BladeSettings.parseSeed("blade-7.example.org:1")).isEqualTo(
        new BladeSettings.HostPort("blade-7.example.org", 1));
    assertThat(BladeSettings.parseSeed("host:65535").port()).isEqualTo(65535);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nocolon", ":25520", "host:", ""})
  void parseSeedRefusesAnythingButHostColonPort(String seed) {
    assertThatThrownBy(() -> BladeSettings.parseSeed(seed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid seed '" + seed + "': expected HOST:PORT");
  }

  @Test
  void parseSeedRefusesANullSeedWithTheSameMessage() {
    assertThatThrownBy(() -> BladeSettings.parseSeed(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected HOST:PORT");
  }

  @ParameterizedTest
  @ValueSource(strings = {"host:port", "host:25520x", "host:2.5", "host:99999999999"})
  void parseSeedRefusesAPortThatIsNotANumber(String seed) {
    assertThatThrownBy(() -> BladeSettings.parseSeed(seed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid seed '" + seed + "': port is not a number");
  }

  @ParameterizedTest
  @ValueSource(strings = {"host:0", "host:65536", "host:-1"})
  void parseSeedRefusesAPortOutOfRange(String seed) {
    assertThatThrownBy(() -> BladeSettings.parseSeed(seed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range 1-65535");
  }

  @Test
  void parseSeedDoesNotEchoControlCharacters() {
    assertThatThrownBy(() -> BladeSettings.parseSeed("evil\n\u001b[31m"))
        .isInstanceOf(IllegalArgumentException.class)
        .message().doesNotContain("\n").doesNotContain("\u001b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Blade-1", "-blade", "blade_1", "blade 1", "blade.1", "", "bläde"})
  void invalidBladeNamesAreRefused(String name) {
    assertThatThrownBy(() -> blade(name, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid blade name");
  }

  @Test
  void nullAndOverlongBladeNamesAreRefused() {
    assertThatThrownBy(() -> blade(null, List.of())).hasMessageStartingWith("invalid blade name");
    assertThatThrownBy(() -> blade("b".repeat(64), List.of())).hasMessageStartingWith("invalid blade name");
    assertThat(blade("b".repeat(63), List.of()).name()).hasSize(63);
  }

  @Test
  void aBadSeedIsRefusedWhenTheSettingsAreMade() {
    assertThatThrownBy(() -> blade("blade-2", List.of("127.0.0.1:25520", "oops")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid seed 'oops': expected HOST:PORT");
  }

  @Test
  void portsRolesAndDataCentersAreChecked() {
    Path d = Path.of("d");
    assertThatThrownBy(() -> new BladeSettings("b", "h", 0, "h", 8080, d, List.of(), "default", List.of()))
        .hasMessage("port 0 is out of range 1-65535");
    assertThatThrownBy(() -> new BladeSettings("b", "h", 25520, "h", 70000, d, List.of(), "default", List.of()))
        .hasMessage("http port 70000 is out of range 1-65535");
    assertThatThrownBy(() -> new BladeSettings("b", "h", 25520, "h", 8080, d, List.of(), "default",
        List.of("ok", "not ok")))
        .hasMessage("invalid role 'not ok'");
    assertThatThrownBy(() -> new BladeSettings("b", "h", 25520, "h", 8080, d, List.of(), "site/2", List.of()))
        .hasMessage("invalid data center 'site/2'");
  }

  @Test
  void noSeedsFormsAClusterAndSeedsJoinOne() {
    assertThat(blade("blade-1", List.of()).formsCluster()).isTrue();
    assertThat(blade("blade-2", List.of("127.0.0.1:25520")).formsCluster()).isFalse();
  }

  @Test
  void theDataDirectoryIsMadeAbsolute() {
    assertThat(blade("blade-1", List.of()).dataDir()).isAbsolute().isEqualTo(Path.of("data/x").toAbsolutePath());
  }

  @Test
  void theBladeNameTravelsAsAClusterRoleBesideTheOperatorRoles() {
    BladeSettings s = new BladeSettings("blade-4", "127.0.0.1", 25524, "0.0.0.0", 8084, Path.of("d"), List.of(),
        "site-b", List.of("storage"));
    List<String> roles = s.asConfig().getStringList("pekko.cluster.roles");
    assertThat(roles).containsExactlyInAnyOrder("storage", "dci-name:blade-4");
    assertThat(BladeSettings.nameOf(Set.copyOf(roles))).contains("blade-4");
    assertThat(BladeSettings.nameOf(Set.of("storage", "dc-default"))).isEmpty();
  }

  @Test
  void settingsRoundTripThroughTheConfiguration() {
    BladeSettings s = new BladeSettings("blade-4", "127.0.0.1", 25524, "0.0.0.0", 8084, Path.of("d"),
        List.of("127.0.0.1:25520", "127.0.0.1:25521"), "site-b", List.of("storage"));
    assertThat(BladeSettings.fromConfig(DciConfig.forBlade(s, DciConfig.base(null)))).isEqualTo(s);
  }
}
