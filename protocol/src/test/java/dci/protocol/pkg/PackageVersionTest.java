package dci.protocol.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackageVersionTest {
  private static PackageVersion v(String s) {
    return PackageVersion.parse(s);
  }

  @Test
  void numericPartsCompareAsNumbersNotText() {
    assertThat(v("1.10")).isGreaterThan(v("1.9"));
    assertThat(v("2")).isGreaterThan(v("1.99.99"));
    assertThat(v("1.2.3").isNewerThan(v("1.2.2"))).isTrue();
  }

  @Test
  void aQualifiedVersionComesBeforeItsRelease() {
    assertThat(v("1.0.0-rc.1")).isLessThan(v("1.0.0"));
    assertThat(v("1.0.0-rc.1")).isGreaterThan(v("0.9"));
  }

  @Test
  void qualifiersCompareNumericIdentifiersAsNumbersAndBeforeWords() {
    assertThat(v("1.0-rc.10")).isGreaterThan(v("1.0-rc.9"));
    assertThat(v("1.0-alpha")).isLessThan(v("1.0-beta"));
    assertThat(v("1.0-1")).isLessThan(v("1.0-alpha"));
    assertThat(v("1.0-alpha")).isLessThan(v("1.0-alpha.1"));
  }

  @Test
  void missingPartsCountAsZeroAndTheShorterSpellingSortsFirst() {
    assertThat(v("1.2").compareTo(v("1.2.1"))).isNegative();
    assertThat(v("1.2").compareTo(v("1.2.0"))).isNegative();
    assertThat(v("1.2.0").compareTo(v("1.2"))).isPositive();
    assertThat(v("1.2.0").compareTo(v("1.2.0"))).isZero();
  }

  @Test
  void aShuffledListSortsIntoReleaseOrder() {
    List<String> ordered = List.of("0.1", "0.9-beta", "0.9", "1.0.0-alpha", "1.0.0-alpha.2", "1.0.0-rc.1", "1.0.0",
        "1.0.1", "1.2", "1.10");
    List<PackageVersion> shuffled = new ArrayList<>(ordered.stream().map(PackageVersion::parse).toList());
    Collections.shuffle(shuffled, new java.util.Random(7));
    Collections.sort(shuffled);
    assertThat(shuffled).extracting(PackageVersion::toString).containsExactlyElementsOf(ordered);
  }

  @Test
  void textRoundTrips() {
    for (String s : List.of("0", "1.2.3", "10.0.0-rc.1", "2.0-SNAPSHOT", "1.2.3.4.5.6")) {
      assertThat(v(s).toString()).isEqualTo(s);
      assertThat(v(s)).isEqualTo(v(s));
    }
  }

  @Test
  void malformedVersionsAreRefused() {
    for (String s : new String[] {"", "01", "1..2", "1.a", "-rc", "1.2-", "1.2-rc!", "v1", "1.2.3.4.5.6.7", " 1",
        "1.2-rc..1", "1234567890123456789"}) {
      assertThatThrownBy(() -> v(s)).as(s).isInstanceOf(PackageException.class).hasMessageContaining("version");
    }
    assertThatThrownBy(() -> v(null)).isInstanceOf(PackageException.class);
  }
}
