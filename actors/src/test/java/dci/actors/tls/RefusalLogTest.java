package dci.actors.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefusalLogTest {
  @Test
  void aPeerRetryingIsLoggedOncePerWindowAndEveryAttemptIsCounted() {
    RefusalLog log = new RefusalLog("blade-1", Duration.ofMillis(300));
    assertThat(log.refused("10.0.0.9:4000", "no certificate")).isTrue();
    for (int i = 0; i < 20; i++) {
      assertThat(log.refused("10.0.0.9:4000", "no certificate")).isFalse();
    }
    assertThat(log.refused("10.0.0.7:4000", "no certificate")).as("another peer has its own line").isTrue();
    assertThat(log.total()).isEqualTo(22);
    await().atMost(Duration.ofSeconds(2)).until(() -> log.refused("10.0.0.9:4000", "no certificate"));
  }
}
