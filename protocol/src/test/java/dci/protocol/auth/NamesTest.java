package dci.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "alice", "bob.smith", "op_2", "x-ray", "abcdefghijklmnopqrstuvwxyz012345"})
  void userNamesOfLowerCaseLettersDigitsDotUnderscoreDashAreAccepted(String user) {
    assertThat(Names.requireUser(user)).isEqualTo(user);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Alice", "1bob", ".bob", "-bob", "bo b", "bob/..", "bob@site",
      "abcdefghijklmnopqrstuvwxyz0123456"})
  void otherUserNamesAreRefused(String user) {
    assertThatThrownBy(() -> Names.requireUser(user))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid user name")
        .hasMessageContaining("starting with a letter");
  }

  @Test
  void aNullUserNameIsRefused() {
    assertThatThrownBy(() -> Names.requireUser(null)).hasMessage(
        "invalid user name '': 1-32 characters, lower-case letters, digits, '.', '_' or '-', starting with a letter");
  }

  @Test
  void refusalsDoNotEchoControlCharactersOrLongInput() {
    assertThatThrownBy(() -> Names.requireUser("evil\r\n\u001b[2J"))
        .message().doesNotContain("\r").doesNotContain("\n").doesNotContain("\u001b").contains("evil???[2J");
    assertThatThrownBy(() -> Names.requireUser("x".repeat(10_000)))
        .message().hasSizeLessThan(200).contains("x".repeat(40) + "…");
  }

  @Test
  void aMissingDomainIsTheDefaultAndAGivenOneIsNormalised() {
    assertThat(Names.domainOrDefault(null)).isEqualTo("local").isEqualTo(Names.DEFAULT_DOMAIN);
    assertThat(Names.domainOrDefault("  ")).isEqualTo("local");
    assertThat(Names.domainOrDefault(" Lab.Example.ORG ")).isEqualTo("lab.example.org");
    assertThat(Names.domainOrDefault("site-2")).isEqualTo("site-2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-site", ".site", "under_score", "sp ace", "a/b"})
  void badDomainsAreRefused(String domain) {
    assertThatThrownBy(() -> Names.domainOrDefault(domain))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid domain");
  }

  @Test
  void domainsAreAtMost63Characters() {
    assertThat(Names.domainOrDefault("d".repeat(63))).hasSize(63);
    assertThatThrownBy(() -> Names.domainOrDefault("d".repeat(64))).hasMessageContaining("at most 63");
  }

  @ParameterizedTest
  @ValueSource(strings = {"blade-1", "7", "0blade", "cage-2-slot-14"})
  void bladeNamesOfLowerCaseLettersDigitsAndDashAreAccepted(String name) {
    assertThat(Names.requireBladeName(name)).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Blade", "-blade", "blade_1", "blade.1", "blade 1"})
  void otherBladeNamesAreRefused(String name) {
    assertThatThrownBy(() -> Names.requireBladeName(name)).hasMessageStartingWith("invalid blade name");
  }

  @Test
  void bladeNamesAreAtMost63Characters() {
    assertThat(Names.requireBladeName("b".repeat(63))).hasSize(63);
    assertThatThrownBy(() -> Names.requireBladeName("b".repeat(64))).hasMessageStartingWith("invalid blade name");
    assertThatThrownBy(() -> Names.requireBladeName(null)).hasMessageStartingWith("invalid blade name");
  }

  @Test
  void passwordsMustBe8To1024Characters() {
    assertThat(Names.requirePassword("12345678")).isEqualTo("12345678");
    assertThat(Names.requirePassword("p".repeat(1024))).hasSize(1024);
    assertThatThrownBy(() -> Names.requirePassword("1234567"))
        .hasMessage("password too short: at least 8 characters");
    assertThatThrownBy(() -> Names.requirePassword(null)).hasMessageStartingWith("password too short");
    assertThatThrownBy(() -> Names.requirePassword("p".repeat(1025)))
        .hasMessage("password too long: at most 1024 characters");
  }

  @Test
  void printableShortensAndStripsControlCharacters() {
    assertThat(Names.printable(null)).isEmpty();
    assertThat(Names.printable("ok")).isEqualTo("ok");
    assertThat(Names.printable("a\tb\u0000c\u007f")).isEqualTo("a?b?c?");
    assertThat(Names.printable("y".repeat(41))).isEqualTo("y".repeat(40) + "…");
    assertThat(Names.printable("y".repeat(40))).isEqualTo("y".repeat(40));
  }
}
