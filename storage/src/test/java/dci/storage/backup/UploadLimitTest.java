package dci.storage.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code dci.backup.limit-upload}: packs go out no faster than the limit, and none is no wait. */
class UploadLimitTest {
  private static final long MIB = 1 << 20;

  @Test
  void packsBeyondTheFirstWaitForTheirShareOfTheLimit() throws Exception {
    UploadLimit limit = UploadLimit.of(4 * MIB);
    long start = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      limit.acquire(MIB); // 5 MiB at 4 MiB/s: the fifth pack may start only after 1 s
    }
    assertThat((System.nanoTime() - start) / 1e6).as("ms for five 1 MiB packs at 4 MiB/s").isGreaterThanOrEqualTo(990);
  }

  @Test
  void zeroIsNoLimit() throws Exception {
    assertThat(UploadLimit.of(0)).isSameAs(UploadLimit.NONE);
    long start = System.nanoTime();
    for (int i = 0; i < 1000; i++) {
      UploadLimit.NONE.acquire(1L << 30);
    }
    assertThat((System.nanoTime() - start) / 1e6).as("ms for 1000 GiB unlimited").isLessThan(900);
  }
}
