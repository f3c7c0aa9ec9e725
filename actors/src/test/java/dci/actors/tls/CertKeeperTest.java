package dci.actors.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dci.actors.BladeSettings;
import dci.actors.TestBlades;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issuing, listing and revoking blade certificates through the blades' cert keepers. */
class CertKeeperTest {
  @TempDir static Path dir;
  static TestBlades blades;

  @BeforeAll
  static void cluster() {
    blades = TestBlades.start(3, dir);
    blades.awaitAllUp(3, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    blades.close();
  }

  private CertKeeper.Certs list(int k) {
    return blades.ask(k, blades.parts(k).certs(), CertKeeper.ListCerts::new, Duration.ofSeconds(5));
  }

  @Test
  void onlyTheCaHolderIssuesAndTheOthersNameIt() {
    CertKeeper.IssueResult r = blades.ask(1, blades.parts(1).certs(),
        ref -> new CertKeeper.Issue("blade-9", List.of("10.1.2.3"), ref), Duration.ofSeconds(10));
    assertThat(r).isInstanceOf(CertKeeper.Issued.class);
    BladeCredentials c = JoinBundle.parse(((CertKeeper.Issued) r).bundle());
    assertThat(c.blade()).isEqualTo("blade-9");
    assertThat(TlsBootstrap.names(c, "10.1.2.3")).isTrue();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(list(2).certs())
        .anyMatch(v -> v.cert().serial().equals(Keys.serial(c.certificate()))));

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      CertKeeper.IssueResult other = blades.ask(2, blades.parts(2).certs(),
          ref -> new CertKeeper.Issue("blade-8", List.of(), ref), Duration.ofSeconds(10));
      assertThat(other).isEqualTo(new CertKeeper.NotIssued("blade blade-2 does not hold the cluster CA", "blade-1"));
    });
  }

  @Test
  void everyBladeListsItsOwnCertificate() {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(list(1).certs())
        .extracting(v -> v.cert().blade()).contains("blade-1", "blade-2", "blade-3"));
    assertThat(list(1).certs()).filteredOn(v -> v.cert().caHolder()).extracting(v -> v.cert().blade())
        .containsExactly("blade-1");
  }

  @Test
  void aRevokedBladeIsDownedAndItsSerialRefusedOnEveryBlade() {
    String serial3 = Keys.serial(TlsDir.of(blades.parts(3).settings().dataDir()).credentials("blade-3").certificate());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(list(2).certs())
        .anyMatch(v -> v.cert().blade().equals("blade-3")));
    CertKeeper.RevokeResult r = blades.ask(2, blades.parts(2).certs(),
        ref -> new CertKeeper.Revoke("blade-3", ref), Duration.ofSeconds(10));
    assertThat(r).isInstanceOf(CertKeeper.Revoked.class);
    assertThat(((CertKeeper.Revoked) r).serials()).contains(serial3);
    assertThat(((CertKeeper.Revoked) r).downed()).isTrue();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      for (int k = 1; k <= 2; k++) {
        assertThat(BladeTls.live(blades.parts(k).settings().dataDir()).orElseThrow().revoked()).contains(serial3);
        assertThat(TlsDir.of(blades.parts(k).settings().dataDir()).readRevoked()).contains(serial3);
      }
      assertThat(Cluster.get(blades.system(1)).state().getMembers()).noneMatch(m ->
          BladeSettings.nameOf(m.getRoles()).filter("blade-3"::equals).isPresent() && m.status() == MemberStatus.up());
    });
    assertThat(list(1).certs()).filteredOn(v -> v.cert().serial().equals(serial3)).allMatch(CertKeeper.CertView::revoked);
    CertKeeper.RevokeResult unknown = blades.ask(1, blades.parts(1).certs(),
        ref -> new CertKeeper.Revoke("blade-77", ref), Duration.ofSeconds(10));
    assertThat(unknown).isInstanceOf(CertKeeper.NotRevoked.class);
  }
}
