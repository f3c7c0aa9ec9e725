package dci.protocol.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageKeysTest {
  @TempDir Path tmp;

  @Test
  void aKeyPairWrittenToFilesReadsBackWithThePrivateFileMode600() throws Exception {
    KeyPair k = PackageKeys.generate();
    Path key = tmp.resolve("acme.key");
    Path pub = tmp.resolve("acme.pub");
    PackageKeys.writeKeyPair(key, k, false);
    PackageKeys.writePublic(pub, k.getPublic(), false);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(Files.readString(key)).contains("-----BEGIN PRIVATE KEY-----").contains("-----BEGIN PUBLIC KEY-----");
    KeyPair back = PackageKeys.readKeyPair(key);
    assertThat(back.getPrivate().getEncoded()).isEqualTo(k.getPrivate().getEncoded());
    assertThat(PackageKeys.readPublic(pub).getEncoded()).isEqualTo(k.getPublic().getEncoded());
    assertThat(PackageKeys.readPublic(key).getEncoded()).isEqualTo(k.getPublic().getEncoded());
  }

  @Test
  void aKeyFileIsNotOverwrittenUnlessAsked() {
    KeyPair k = PackageKeys.generate();
    Path key = tmp.resolve("acme.key");
    PackageKeys.writeKeyPair(key, k, false);
    assertThatThrownBy(() -> PackageKeys.writeKeyPair(key, PackageKeys.generate(), false))
        .isInstanceOf(PackageException.class).hasMessageContaining("exists");
    KeyPair other = PackageKeys.generate();
    PackageKeys.writeKeyPair(key, other, true);
    assertThat(PackageKeys.readKeyPair(key).getPublic()).isEqualTo(other.getPublic());
  }

  @Test
  void theKeyIdIsTheFirst16HexOfTheSha256OfThePublicKey() throws Exception {
    KeyPair k = PackageKeys.generate();
    String full = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(k.getPublic().getEncoded()));
    assertThat(PackageKeys.keyId(k.getPublic())).isEqualTo(full.substring(0, 16));
  }

  @Test
  void aSignatureVerifiesOnlyWithItsKeyAndItsExactBytes() {
    KeyPair k = PackageKeys.generate();
    byte[] data = "manifest".getBytes(StandardCharsets.UTF_8);
    PackageSignature sig = PackageSignature.sign(k, data);
    assertThat(sig.verifies(data)).isTrue();
    assertThat(sig.verifies("manifest ".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(new PackageSignature(PackageKeys.generate().getPublic(), sig.signature()).verifies(data)).isFalse();
    assertThat(PackageSignature.parse(sig.format()).verifies(data)).isTrue();
  }

  @Test
  void trustedKeysMatchWholeKeysFromFilesOrText() {
    KeyPair a = PackageKeys.generate();
    KeyPair b = PackageKeys.generate();
    Path pub = tmp.resolve("a.pub");
    PackageKeys.writePublic(pub, a.getPublic(), false);
    TrustedKeys t = TrustedKeys.load(List.of(pub));
    assertThat(t.trusts(a.getPublic())).isTrue();
    assertThat(t.trusts(b.getPublic())).isFalse();
    assertThat(t.with(b.getPublic()).trusts(b.getPublic())).isTrue();
    assertThat(TrustedKeys.parse(List.of(PackageKeys.encodePublic(b.getPublic()))).keyIds())
        .containsExactly(PackageKeys.keyId(b.getPublic()));
  }

  @Test
  void garbageIsNotAKey() {
    assertThatThrownBy(() -> PackageKeys.parsePublic("bm90IGEga2V5")).isInstanceOf(PackageException.class)
        .hasMessageContaining("Ed25519");
    assertThatThrownBy(() -> PackageKeys.parsePublic("***")).isInstanceOf(PackageException.class);
    assertThatThrownBy(() -> PackageKeys.readKeyPair(tmp.resolve("none.key"))).isInstanceOf(PackageException.class)
        .hasMessageContaining("no such key file");
  }
}
