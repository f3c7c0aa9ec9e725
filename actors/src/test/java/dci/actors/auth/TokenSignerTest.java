package dci.actors.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenSignerTest {
  private final TokenSigner signer = new TokenSigner(TokenSigner.newKey());
  private final Instant now = Instant.parse("2026-11-25T08:00:00Z");

  @Test
  void anIssuedTokenVerifiesWithItsClaims() {
    String t = signer.issue("alice", 3, now.plusSeconds(60));
    TokenSigner.Claims c = signer.verify(t, now).orElseThrow();
    assertThat(c.user()).isEqualTo("alice");
    assertThat(c.credentialVersion()).isEqualTo(3);
    assertThat(c.expiresAt()).isEqualTo(now.plusSeconds(60));
    assertThat(c.id()).hasSize(24);
  }

  @Test
  void expiredTokensAreRefused() {
    String t = signer.issue("alice", 1, now.plusSeconds(60));
    assertThat(signer.verify(t, now.plusSeconds(60))).isEmpty();
  }

  @Test
  void tamperedTokensAreRefused() {
    String t = signer.issue("alice", 1, now.plusSeconds(60));
    String asBob = t.replaceFirst("\\.YWxpY2U\\.", ".Ym9i.");
    assertThat(asBob).isNotEqualTo(t);
    assertThat(signer.verify(asBob, now)).isEmpty();
    String longer = t.replaceFirst("\\.1\\.", ".2.");
    assertThat(signer.verify(longer, now)).isEmpty();
  }

  @Test
  void tokensOfAnotherClusterAndGarbageAreRefused() {
    String foreign = new TokenSigner(TokenSigner.newKey()).issue("alice", 1, now.plusSeconds(60));
    assertThat(signer.verify(foreign, now)).isEmpty();
    assertThat(signer.verify("garbage", now)).isEmpty();
    assertThat(signer.verify("", now)).isEmpty();
    assertThat(signer.verify(null, now)).isEmpty();
    assertThat(signer.verify("a".repeat(10_000), now)).isEmpty();
  }

  @Test
  void anotherSignerWithTheSameKeyVerifiesTheToken() {
    byte[] key = TokenSigner.newKey();
    String t = new TokenSigner(key).issue("alice", 1, now.plusSeconds(60));
    assertThat(new TokenSigner(key.clone()).verify(t, now)).map(TokenSigner.Claims::user).contains("alice");
  }

  @Test
  void tokensAreUniqueAndDoNotSpellOutTheUser() {
    String a = signer.issue("alice", 1, now.plusSeconds(60));
    String b = signer.issue("alice", 1, now.plusSeconds(60));
    assertThat(a).isNotEqualTo(b).startsWith("dci1.").doesNotContain("alice");
    assertThat(signer.verify(a, now).orElseThrow().id()).isNotEqualTo(signer.verify(b, now).orElseThrow().id());
  }

  @Test
  void shortKeysAreRefused() {
    assertThatThrownBy(() -> new TokenSigner(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes");
  }
}
