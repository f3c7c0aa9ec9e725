package dci.actors.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dci.actors.BladeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCaTest {
  @TempDir Path dir;

  private static BladeSettings blade(String name, Path data, List<String> seeds) {
    return new BladeSettings(name, "127.0.0.1", 25520, "127.0.0.1", 8080, data, seeds, "default", List.of());
  }

  @Test
  void aFormingBladeMakesTheCaAndItsOwnCertificateWithKeysOnlyItsOwnerReads() throws Exception {
    BladeSettings s = blade("blade-1", dir.resolve("b1"), List.of());
    assertThat(TlsBootstrap.prepare(s)).isEqualTo(TlsBootstrap.Outcome.FORMED_CA);
    TlsDir tls = TlsDir.of(s.dataDir());
    assertThat(tls.holdsCa()).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.caKey()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.bladeKey()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.path()))).isEqualTo("rwx------");
    BladeCredentials c = tls.credentials("blade-1");
    assertThat(Keys.signedBy(c.certificate(), tls.ca().certificate())).isTrue();
    assertThat(TlsBootstrap.prepare(s)).as("a second start keeps what it has").isEqualTo(TlsBootstrap.Outcome.KEPT);
    assertThat(tls.credentials("blade-1").certificate()).isEqualTo(c.certificate());
  }

  @Test
  void aCertificateOverABladesOwnPublicKeyNamesItAndItsHosts() throws Exception {
    ClusterCa ca = ClusterCa.create("test");
    java.security.KeyPair own = ClusterCa.newKeyPair();
    java.security.cert.X509Certificate cert = ca.issue("blade-9", List.of("10.0.0.19"), own.getPublic());
    assertThat(cert.getPublicKey()).isEqualTo(own.getPublic());
    assertThat(Keys.commonName(cert)).isEqualTo("blade-9");
    assertThat(Keys.signedBy(cert, ca.certificate())).isTrue();
    BladeCredentials c = new BladeCredentials("blade-9", own.getPrivate(), cert, ca.certificate());
    assertThat(TlsBootstrap.names(c, "10.0.0.19")).isTrue();
    assertThat(TlsBootstrap.names(c, "127.0.0.1")).isTrue();
    assertThat(Pem.publicKey(Pem.of(own.getPublic()))).isEqualTo(own.getPublic());
    assertThatThrownBy(() -> ca.issue("not a name!", List.of(), own.getPublic()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aJoiningBladeWithoutABundleIsToldHowToGetOne() {
    BladeSettings s = blade("blade-2", dir.resolve("b2"), List.of("127.0.0.1:25520"));
    assertThatThrownBy(() -> TlsBootstrap.prepare(s)).hasMessageContaining("dci cert issue --blade blade-2")
        .hasMessageContaining("--join");
    assertThat(TlsDir.of(s.dataDir()).hasCredentials()).isFalse();
  }

  @Test
  void aBundleRoundTripsAndInstallsOnlyForItsOwnBlade() throws Exception {
    ClusterCa ca = ClusterCa.create("test");
    BladeCredentials issued = ca.issue("blade-9", List.of("10.0.0.9", "b9.example.org"));
    Path file = dir.resolve("b9.bundle");
    JoinBundle.write(file, issued);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    BladeCredentials read = JoinBundle.read(file);
    assertThat(read.certificate()).isEqualTo(issued.certificate());
    assertThat(read.ca()).isEqualTo(ca.certificate());
    assertThat(read.certificate().getSubjectAlternativeNames()).extracting(l -> l.get(1).toString())
        .contains("127.0.0.1", "10.0.0.9", "b9.example.org", "localhost");

    assertThatThrownBy(() -> TlsBootstrap.install(blade("blade-8", dir.resolve("b8"), List.of("h:1")), read))
        .hasMessageContaining("for blade blade-9");
    BladeSettings s9 = blade("blade-9", dir.resolve("b9"), List.of("h:1"));
    assertThat(TlsBootstrap.install(s9, read)).isEqualTo(TlsBootstrap.Outcome.JOINED);
    assertThat(TlsBootstrap.prepare(s9)).isEqualTo(TlsBootstrap.Outcome.KEPT);
  }

  @Test
  void aDamagedOrForeignBundleIsRefusedClearly() throws Exception {
    ClusterCa ca = ClusterCa.create("a");
    ClusterCa other = ClusterCa.create("b");
    BladeCredentials good = ca.issue("blade-3", List.of());
    assertThatThrownBy(() -> JoinBundle.parse("hello")).hasMessageContaining("no 'blade:' line");
    assertThatThrownBy(() -> JoinBundle.parse("blade: blade-3\n")).hasMessageContaining("no CA certificate");
    String mixed = "blade: blade-3\n" + Pem.of(other.certificate()) + Pem.of(good.certificate()) + Pem.of(good.key());
    assertThatThrownBy(() -> JoinBundle.parse(mixed)).hasMessageContaining("not signed by the cluster CA");
    BladeCredentials someoneElse = ca.issue("blade-4", List.of());
    String wrongKey = "blade: blade-3\n" + Pem.of(ca.certificate()) + Pem.of(good.certificate()) + Pem.of(someoneElse.key());
    assertThatThrownBy(() -> JoinBundle.parse(wrongKey)).hasMessageContaining("does not belong");
    String renamed = JoinBundle.text(good).replace("blade: blade-3", "blade: blade-1");
    assertThatThrownBy(() -> JoinBundle.parse(renamed)).hasMessageContaining("not for blade-1");
    assertThatThrownBy(() -> JoinBundle.parse("x".repeat(70_000))).hasMessageContaining("over");
  }
}
