package dci.app.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dci.actors.BladeSettings;
import dci.actors.tls.ClusterCa;
import dci.actors.tls.Pem;
import dci.actors.tls.TlsDir;
import dci.protocol.discovery.Admission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a waiting node accepts as its admission, and what it keeps once it does. */
class AdmissionCheckTest {
  @TempDir Path dir;
  BladeSettings settings;
  CandidateKey key;
  ClusterCa ca;

  @BeforeEach
  void setUp() {
    settings = new BladeSettings("blade-9", "127.0.0.2", 25520, "127.0.0.2", 8080, dir.resolve("d"), List.of(),
        "default", List.of());
    key = CandidateKey.loadOrMake(settings.dataDir(), "blade-9");
    ca = ClusterCa.create("test");
  }

  private Admission admission(X509Certificate cert, String code) {
    return new Admission(Pem.of(cert), Pem.of(ca.certificate()), List.of("127.0.0.1:25520"), code);
  }

  @Test
  void theKeyIsKeptAcrossStarts() {
    assertThat(CandidateKey.loadOrMake(settings.dataDir(), "blade-9").fingerprint()).isEqualTo(key.fingerprint());
  }

  @Test
  void aWrongOrMissingCodeIsRefusedBeforeAnythingElse() {
    AdmissionCheck check = new AdmissionCheck(settings, key, "s3cret-code");
    X509Certificate cert = ca.issue("blade-9", List.of(), key.pair().getPublic());
    assertThat(check.accept(admission(cert, "wrong")).status()).isEqualTo(403);
    assertThat(check.accept(admission(cert, null)).reason()).contains("needs its admission code");
    assertThat(check.accept(admission(cert, "s3cret-code")).ok()).isTrue();
  }

  @Test
  void aCertificateOverAnotherKeyForAnotherNameOrNotFromTheCaIsRefused() {
    AdmissionCheck check = new AdmissionCheck(settings, key, null);
    X509Certificate otherKey = ca.issue("blade-9", List.of(), ClusterCa.newKeyPair().getPublic());
    assertThat(check.accept(admission(otherKey, null)).reason()).contains("not over this node's key");
    X509Certificate otherName = ca.issue("blade-8", List.of(), key.pair().getPublic());
    assertThat(check.accept(admission(otherName, null)).reason()).contains("blade-8");
    X509Certificate otherCa = ClusterCa.create("other").issue("blade-9", List.of(), key.pair().getPublic());
    assertThat(check.accept(admission(otherCa, null)).reason()).contains("not signed by the CA");
    assertThat(check.accept(new Admission(Pem.of(otherKey), Pem.of(ca.certificate()), List.of("no-port"), null))
        .status()).isEqualTo(400);
    assertThat(TlsDir.of(settings.dataDir()).hasCredentials()).isFalse();
  }

  @Test
  void anAdmissionWritesTheCredentialsAndTheSeedsAndForgetsTheCandidateKey() throws Exception {
    AdmissionCheck check = new AdmissionCheck(settings, key, null);
    X509Certificate cert = ca.issue("blade-9", List.of("127.0.0.2"), key.pair().getPublic());
    assertThat(check.accept(admission(cert, null)).ok()).isTrue();
    TlsDir tls = TlsDir.of(settings.dataDir());
    assertThat(tls.credentials("blade-9").certificate()).isEqualTo(cert);
    assertThat(tls.credentials("blade-9").key()).isEqualTo(key.pair().getPrivate());
    assertThat(tls.holdsCa()).isFalse();
    assertThat(AdmittedSeeds.read(settings.dataDir())).containsExactly("127.0.0.1:25520");
    assertThat(Files.exists(tls.path().resolve("candidate.key"))).isFalse();
  }
}
