package dci.storage.vnas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a blade's own copy of the index may answer "not found" alone. */
class IndexQuietTest {
  private static final long S = 1_000_000_000L;

  @Test
  void notUntilThisBladeHasBeenUpForTheSettleTime() {
    IndexQuiet q = new IndexQuiet(Duration.ofSeconds(20));
    assertThat(q.settled(100 * S, true)).as("not Up yet").isFalse();
    q.selfUp(100 * S);
    assertThat(q.settled(110 * S, true)).isFalse();
    assertThat(q.settled(120 * S, true)).isTrue();
  }

  @Test
  void neverWhileABladeIsUnreachableAndNotForAWhileAfterItCameBack() {
    IndexQuiet q = new IndexQuiet(Duration.ofSeconds(20));
    q.selfUp(0);
    assertThat(q.settled(30 * S, true)).isTrue();
    q.reachabilityChanged(30 * S); // unreachable
    assertThat(q.settled(60 * S, false)).as("writes reach only a majority meanwhile").isFalse();
    q.reachabilityChanged(60 * S); // reachable again
    assertThat(q.settled(70 * S, true)).as("what it missed is still on its way").isFalse();
    assertThat(q.settled(80 * S, true)).isTrue();
  }

  @Test
  void anEarlierChangeDoesNotShortenTheWait() {
    IndexQuiet q = new IndexQuiet(Duration.ofSeconds(20));
    q.selfUp(100 * S);
    q.reachabilityChanged(50 * S); // delivered late, stamped earlier
    assertThat(q.settled(110 * S, true)).isFalse();
    assertThat(q.settled(120 * S, true)).isTrue();
  }
}
