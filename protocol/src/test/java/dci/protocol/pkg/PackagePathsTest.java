package dci.protocol.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PackagePathsTest {
  @Test
  void ordinaryRelativePathsAreAccepted() {
    for (String p : new String[] {"a", "bin/hello.sh", "lib/x-1.0.jar", ".hidden/f", "a b/c", "ünï/côdé"}) {
      assertThat(PackagePaths.problem(p)).as(p).isNull();
    }
  }

  @Test
  void pathsThatCouldLeaveTheirDirectoryAreRefused() {
    assertThat(PackagePaths.problem("../etc/passwd")).contains("'..'");
    assertThat(PackagePaths.problem("a/../../b")).contains("'..'");
    assertThat(PackagePaths.problem("/etc/passwd")).contains("absolute");
    assertThat(PackagePaths.problem("a\\..\\b")).contains("backslash");
    assertThat(PackagePaths.problem("C:/Windows")).contains("drive");
    assertThat(PackagePaths.problem("a\0b")).contains("NUL");
    assertThat(PackagePaths.problem("a\nb")).contains("control");
    assertThat(PackagePaths.problem("a//b")).contains("empty segment");
    assertThat(PackagePaths.problem("dir/")).contains("empty segment");
    assertThat(PackagePaths.problem("./a")).contains("'.'");
    assertThat(PackagePaths.problem("")).contains("empty");
    assertThat(PackagePaths.problem("x".repeat(256))).contains("segment longer");
  }

  @Test
  void theInstallersOwnDirectoryIsReservedForStepTargets() {
    assertThatThrownBy(() -> PackagePaths.requireInstallPath("copy to", ".dci/manifest.xml"))
        .isInstanceOf(PackageException.class).hasMessageContaining("reserved");
    assertThat(PackagePaths.requireInstallPath("copy to", ".dcix/f")).isEqualTo(".dcix/f");
    assertThat(PackagePaths.requireInstallDir("dir", null)).isEqualTo(".");
    assertThat(PackagePaths.requireInstallDir("dir", ".")).isEqualTo(".");
  }
}
