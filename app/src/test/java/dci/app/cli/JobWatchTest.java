package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobWatchTest {
  private static final long S = 1_000_000_000L;

  @Test
  void aShortJobIsAskedAfterOftenAndALongOneLessAndLess() {
    assertThat(JobWatch.pause(0)).isEqualTo(50);
    assertThat(JobWatch.pause(29 * S)).isEqualTo(50);
    assertThat(JobWatch.pause(30 * S)).isEqualTo(200);
    assertThat(JobWatch.pause(599 * S)).isEqualTo(200);
    assertThat(JobWatch.pause(600 * S)).isEqualTo(1000);
  }
}
