package dci.app.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeskHoldsTest {
  @Test
  void aUserNotHeldIsFreeAtOnce() {
    assertThat(new DeskHolds().whenFree("u1", Duration.ofSeconds(10))).isDone();
  }

  @Test
  void aHeldUserWaitsUntilReleased() throws Exception {
    DeskHolds holds = new DeskHolds();
    holds.hold("u1");
    CompletableFuture<Void> waiting = holds.whenFree("u1", Duration.ofSeconds(30));
    assertThat(waiting).isNotDone();
    assertThat(holds.whenFree("u2", Duration.ofSeconds(30))).as("another user is not held").isDone();
    holds.release("u1");
    waiting.get(1, TimeUnit.SECONDS);
    assertThat(holds.isHeld("u1")).isFalse();
  }

  @Test
  void oneWaitersTimeLimitDoesNotReleaseTheHoldForTheNextWaiter() throws Exception {
    DeskHolds holds = new DeskHolds();
    holds.hold("u1");
    holds.whenFree("u1", Duration.ofMillis(20)).get(5, TimeUnit.SECONDS);
    assertThat(holds.isHeld("u1")).isTrue();
    assertThat(holds.whenFree("u1", Duration.ofSeconds(30))).as("still held for the next command").isNotDone();
  }
}
