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

  @Test
  void aHashOfAnotherAlgorithmIsNeverAccepted() {
    PasswordHash h = hasher.hash("correct horse");
    PasswordHash other = new PasswordHash("MD5", h.iterations(), h.salt(), h.hash());
    assertThat(hasher.verify("correct horse", other)).isFalse();
  }

  @Test
  void randomPasswordsDifferAndUseTheWholeAlphabetOnly() {
    assertThat(PasswordHasher.randomPassword(24)).isNotEqualTo(PasswordHasher.randomPassword(24));
    String many = PasswordHasher.randomPassword(5000);
    assertThat(many).matches("[ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789]{5000}");
    assertThat(many.chars().distinct().count()).as("every letter of the alphabet turns up").isEqualTo(57);
    assertThat(PasswordHasher.randomPassword(0)).isEmpty();
  }
}
