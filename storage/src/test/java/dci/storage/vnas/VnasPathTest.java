package dci.storage.vnas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VnasPathTest {
  @Test
  void canonicalFormDropsEmptySegmentsAndTrailingSlash() {
    assertThat(VnasPath.parse("/a//b/").toString()).isEqualTo("/a/b");
    assertThat(VnasPath.parse("/").isRoot()).isTrue();
    assertThat(VnasPath.parse("/a/b").parent().toString()).isEqualTo("/a");
  }

  @Test
  void traversalControlCharactersAndOverlongNamesAreRefused() {
    for (String bad : new String[] {"/a/../b", "/./a", "..", "/a\u0000b", "/a\\b", "/" + "x".repeat(256)}) {
      assertThatThrownBy(() -> VnasPath.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theDirectoryOfStripeLocationsIsRefusedInEveryPathAClientGives() {
    for (String bad : new String[] {"/.dci-stripes", "/.dci-stripes/abc/abcdef", ".dci-stripes/"}) {
      assertThatThrownBy(() -> VnasPath.parseClient(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("reserved");
    }
    assertThat(VnasPath.parseClient("/a/.dci-stripes").toString()).isEqualTo("/a/.dci-stripes");
    assertThat(VnasPath.parseClient("/.dci-stripes2").toString()).isEqualTo("/.dci-stripes2");
    assertThat(StripeRows.pathOf("abcdef").reserved()).isTrue();
  }

  @Test
  void rebaseAndContainsFollowSegmentsNotPrefixes() {
    VnasPath a = VnasPath.parse("/a");
    assertThat(a.contains(VnasPath.parse("/a/b"))).isTrue();
    assertThat(a.contains(VnasPath.parse("/ab"))).isFalse();
    assertThat(VnasPath.parse("/a/b/c").rebase(a, VnasPath.parse("/z")).toString()).isEqualTo("/z/b/c");
  }
}
