package dci.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * Async continuations run on the common pool, as in {@code bin/dci} (see {@link Main}); with a
 * parallelism of 1 (a 2-core machine's default) each one would start a thread of its own.
 */
class CommonPoolTest {
  @Test
  void asyncContinuationsRunOnTheCommonPoolNotOnAThreadEach() {
    assertThat(ForkJoinPool.getCommonPoolParallelism()).isGreaterThan(1);
    Thread ran = CompletableFuture.supplyAsync(Thread::currentThread).join();
    assertThat(ran).isInstanceOf(java.util.concurrent.ForkJoinWorkerThread.class);
    assertThat(Main.COMMON_PARALLELISM).isEqualTo("java.util.concurrent.ForkJoinPool.common.parallelism");
  }
}
