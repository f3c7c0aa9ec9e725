package dci.app.failover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How far a desk command passed between blades goes on (DeskRoutes.passOn): never in a loop. */
class DeskHopsTest {
  @Test
  void afterOneHopACommandGoesOnEvenBackToTheBladeThatSentItWhoseRouteWasOlder() {
    assertThat(DeskRoutes.passOn("blade-2", false, "blade-2")).isTrue();
    assertThat(DeskRoutes.passOn("blade-2", false, "blade-3")).isTrue();
  }

  @Test
  void afterTwoHopsOnlyAHeldDeskGoesOnAndNeverToABladeItCameThrough() {
    assertThat(DeskRoutes.passOn("blade-2,blade-1", false, "blade-3")).isFalse();
    assertThat(DeskRoutes.passOn("blade-2,blade-1", true, "blade-3")).isTrue();
    assertThat(DeskRoutes.passOn("blade-2,blade-1", true, "blade-2")).isFalse();
    assertThat(DeskRoutes.passOn("blade-10,blade-1", true, "blade-1")).isFalse();
    assertThat(DeskRoutes.passOn("blade-10,blade-2", true, "blade-1")).isTrue();
  }
}
