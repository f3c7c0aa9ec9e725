package dci.app.vnas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dci.app.TestCluster;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The lock owner runs on the oldest blade; when that blade goes, another takes over and knows every lock granted. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VnasLockOwnerTest {
  private static final String EXCLUSIVE = "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope>"
      + "<D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype><D:owner>t</D:owner></D:lockinfo>";
  private TestCluster cluster;
  private VnasDav blades;

  @BeforeAll
  void start() {
    cluster = VnasDav.blades(3).start();
    blades = new VnasDav(cluster);
    blades.awaitStores(3);
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  private HttpResponse<byte[]> lock(int k, String path) {
    return blades.method(k, "LOCK", path, EXCLUSIVE, "Content-Type", "application/xml", "Timeout", "Second-600");
  }

  @Test
  void aLockGrantedBeforeTheOwnersBladeWentIsStillHeldUnderTheNextOwner() {
    HttpResponse<byte[]> first = lock(2, "/kept.txt");
    assertThat(first.statusCode()).isIn(200, 201);
    String token = first.headers().firstValue("Lock-Token").orElseThrow();

    cluster.crash(1); // the oldest blade: the lock owner's
    AtomicInteger attempt = new AtomicInteger();
    await("a LOCK through blade-3 is decided by the next owner").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> lock(3, "/after-" + attempt.incrementAndGet() + ".txt").statusCode() / 100 == 2);

    assertThat(lock(3, "/kept.txt").statusCode()).as("the lock from before is still held").isEqualTo(423);
    assertThat(blades.method(2, "UNLOCK", "/kept.txt", null, "Lock-Token", token).statusCode()).isEqualTo(204);
    assertThat(lock(3, "/kept.txt").statusCode()).isIn(200, 201);
  }
}
