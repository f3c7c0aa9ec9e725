package dci.app.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dci.app.packages.Follows;
import dci.protocol.pkg.PackageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a blade follows survives its restart; bad names and a damaged file are refused. */
class FollowsTest {
  @TempDir Path dir;

  @Test
  void followsAreWrittenToDiskAndReadBackAfterARestart() {
    Path file = dir.resolve("packages/follows.json");
    Follows f = Follows.load(file);
    assertThat(f.names()).isEmpty();
    assertThat(f.set("hello", true)).isTrue();
    assertThat(f.set("hello", true)).as("already followed").isFalse();
    assertThat(f.set("tool", true)).isTrue();
    assertThat(f.set("tool", false)).isTrue();
    Follows again = Follows.load(file);
    assertThat(again.names()).containsExactly("hello");
    assertThat(again.follows("hello")).isTrue();
    assertThat(again.follows("tool")).isFalse();
  }

  @Test
  void anInvalidNameOrADamagedFileIsRefused() throws Exception {
    Follows f = Follows.load(dir.resolve("follows.json"));
    assertThatThrownBy(() -> f.set("../etc", true)).isInstanceOf(PackageException.class);
    Files.writeString(dir.resolve("bad.json"), "[\"ok\", \"Not A Name\"]");
    assertThatThrownBy(() -> Follows.load(dir.resolve("bad.json"))).hasMessageContaining("cannot read");
  }
}
