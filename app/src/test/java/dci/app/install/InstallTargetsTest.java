package dci.app.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dci.app.packages.InstallTargets;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --on all | role:R | B1,B2 against a directory, restarted blades (two incarnations) included. */
class InstallTargetsTest {
  private static BladeInfo blade(String name, String address, BladeStatus status, String... roles) {
    return new BladeInfo(name, address, status, "default", List.of(roles), 0, 0, null, "http://" + address, List.of());
  }

  private static final List<BladeInfo> DIRECTORY = List.of(
      blade("blade-1", "h:1", BladeStatus.Up, "web"),
      blade("blade-2", "h:2", BladeStatus.Up),
      blade("blade-3", "h:3", BladeStatus.Up, "web"),
      blade("blade-3", "h:9", BladeStatus.Removed),
      blade("blade-4", "h:4", BladeStatus.Unreachable, "web"));

  @Test
  void allAndRolesTakeTheUpBladesAndARestartedBladeCountsOnce() {
    assertThat(InstallTargets.resolve("all", DIRECTORY)).containsExactly("blade-1", "blade-2", "blade-3");
    assertThat(InstallTargets.resolve("role:web", DIRECTORY)).containsExactly("blade-1", "blade-3");
    assertThat(InstallTargets.resolve(" blade-3,blade-1 ", DIRECTORY)).containsExactly("blade-3", "blade-1");
  }

  @Test
  void namedBladesMustBeUpAndKnown() {
    assertThatThrownBy(() -> InstallTargets.resolve("blade-1,blade-4,blade-7", DIRECTORY))
        .hasMessageContaining("blade-4 is Unreachable").hasMessageContaining("blade-7 is not in the directory");
    assertThatThrownBy(() -> InstallTargets.resolve("role:db", DIRECTORY)).hasMessageContaining("no Up blade has role");
    assertThatThrownBy(() -> InstallTargets.resolve("", DIRECTORY)).hasMessageContaining("on is required");
    assertThatThrownBy(() -> InstallTargets.resolve("Blade_1", DIRECTORY)).hasMessageContaining("invalid blade name");
  }
}
