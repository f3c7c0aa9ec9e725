package dci.app.aims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DebianVersionTest {
  private static final List<String[]> PAIRS = List.of(
      new String[] {"1.0", "1.0"}, new String[] {"1.0", "1.1"}, new String[] {"1.10", "1.9"},
      new String[] {"1.0~rc1", "1.0"}, new String[] {"1.0~rc1", "1.0~rc2"}, new String[] {"1.0~~", "1.0~"},
      new String[] {"1:1.0", "2.0"}, new String[] {"0:2.0", "2.0"}, new String[] {"1.0-1", "1.0-2"},
      new String[] {"1.0-1", "1.0"}, new String[] {"1.0a", "1.0"}, new String[] {"1.0+b1", "1.0"},
      new String[] {"2.36-9+deb12u14", "2.36-9+deb12u4"}, new String[] {"3.0.11-1~deb12u2", "3.0.11-1"},
      new String[] {"1.01", "1.1"}, new String[] {"1.0.0", "1.0"}, new String[] {"9.2p1-2+deb12u3", "9.2p1-2"},
      new String[] {"1.4.3+dfsg-1~deb12u2", "1.4.3+dfsg-1"}, new String[] {"a", "b"}, new String[] {"1.0-a", "1.0-A"});

  @Test
  void ordersVersionsAsDpkgDoes() throws Exception {
    for (String[] p : PAIRS) {
      int ours = Integer.signum(DebianVersion.compare(p[0], p[1]));
      assertThat(ours).as("%s vs %s", p[0], p[1]).isEqualTo(dpkg(p[0], p[1]));
      assertThat(Integer.signum(DebianVersion.compare(p[1], p[0]))).as("%s vs %s", p[1], p[0]).isEqualTo(-ours);
    }
  }

  /** What dpkg itself says (the host is Debian: dpkg is there). */
  private static int dpkg(String a, String b) throws Exception {
    if (run(a, "lt", b)) {
      return -1;
    }
    return run(a, "eq", b) ? 0 : 1;
  }

  private static boolean run(String a, String op, String b) throws Exception {
    return new ProcessBuilder("dpkg", "--compare-versions", a, op, b).start().waitFor() == 0;
  }

  @Test
  void rangesJoinComparisonsAndABareVersionMeansEqual() {
    VersionRange r = VersionRange.parse(">= 1.2, < 2");
    assertThat(r.admits("1.2")).isTrue();
    assertThat(r.admits("1.10")).isTrue();
    assertThat(r.admits("2.0")).isFalse();
    assertThat(r.admits("1.1")).isFalse();
    assertThat(r.admits(null)).as("an unknown version meets no bound").isFalse();
    assertThat(VersionRange.parse("1:2.3-1").admits("1:2.3-1")).isTrue();
    assertThat(VersionRange.parse("*").admits(null)).isTrue();
    assertThatThrownBy(() -> VersionRange.parse(">= 1.0; rm -rf /")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a version condition");
  }
}
