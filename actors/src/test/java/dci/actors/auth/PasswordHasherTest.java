package dci.actors.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dci.protocol.auth.PasswordHash;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(1000);

  @Test
  void verifiesTheRightPasswordAndRefusesAWrongOne() {
    PasswordHash h = hasher.hash("correct horse");
    assertThat(hasher.verify("correct horse", h)).isTrue();
    assertThat(hasher.verify("correct hors", h)).isFalse();
    assertThat(h.hash()).doesNotContain("correct");
  }

  @Test
  void everyHashHasItsOwnSalt() {
    assertThat(hasher.hash("same").salt()).isNotEqualTo(hasher.hash("same").salt());
  }

  @Test
  void theStoredIterationCountIsUsedForVerification() {
    PasswordHash strong = new PasswordHasher(5000).hash("pw-12345");
    assertThat(strong.iterations()).isEqualTo(5000);
    assertThat(hasher.verify("pw-12345", strong)).isTrue();
  }

  @Test
  void tooFewIterationsAreRefused() {
    assertThatThrownBy(() -> new PasswordHasher(10)).hasMessageContaining("1000");
  }

  @Test
  void randomPasswordsHaveTheAskedLengthAndNoLookAlikes() {
    String pw = PasswordHasher.randomPassword(24);
    assertThat(pw).hasSize(24).doesNotContainAnyWhitespaces().matches("[A-Za-z2-9]+").doesNotContain("0", "O", "l", "1");
  }
}
