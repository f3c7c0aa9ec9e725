package dci.storage.vnas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reading a file's stripes: only those a range covers are fetched, all reads together hold
 * at most the blade's budget fetched ahead, a read with none left still completes, and
 * whatever a read holds goes back when it ends, completed, failed or cancelled.
 */
class StripeReadsTest {
  private static final int STRIPE = 100;
  private static ActorTestKit kit;
  private static TestProbe<Object> waiter;

  @BeforeAll
  static void start() {
    kit = ActorTestKit.create("reads");
    waiter = kit.createTestProbe();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  /** A file of {@code n} stripes of 100 random bytes, and its stripes by id. */
  private record File(byte[] bytes, List<StripeRef> refs, Map<String, ByteString> stripes) {
    static File of(int n, long seed) {
      byte[] b = new byte[n * STRIPE];
      new Random(seed).nextBytes(b);
      List<StripeRef> refs = new ArrayList<>();
      Map<String, ByteString> stripes = new ConcurrentHashMap<>();
      for (int i = 0; i < n; i++) {
        ByteString s = ByteString.fromArray(b, i * STRIPE, STRIPE);
        String hash = StripeFiles.sha256(s);
        refs.add(new StripeRef(hash, STRIPE));
        stripes.put(hash, s);
      }
      return new File(b, refs, stripes);
    }

    int index(String hash) {
      for (int i = 0; i < refs.size(); i++) {
        if (refs.get(i).hash().equals(hash)) {
          return i;
        }
      }
      return -1;
    }
  }

  private static byte[] run(File f, long from, long length, ReadAheadBudget budget,
      Function<String, CompletionStage<ByteString>> fetch) {
    return StripeReads.read(f.refs(), from, length, budget, fetch)
        .runWith(Sink.fold(ByteString.emptyByteString(), ByteString::concat), kit.system())
        .toCompletableFuture().join().toArray();
  }

  private static void await(Runnable assertion) {
    waiter.awaitAssert(Duration.ofSeconds(10), () -> {
      assertion.run();
      return null;
    });
  }

  @Test
  void aRangeFetchesOnlyTheStripesItCovers() {
    File f = File.of(10, 1);
    List<Integer> fetched = new ArrayList<>();
    Function<String, CompletionStage<ByteString>> fetch = h -> {
      synchronized (fetched) {
        fetched.add(f.index(h));
      }
      return CompletableFuture.completedFuture(f.stripes().get(h));
    };
    ReadAheadBudget budget = new ReadAheadBudget(1 << 20);
    assertThat(run(f, 250, 200, budget, fetch)).isEqualTo(Arrays.copyOfRange(f.bytes(), 250, 450));
    assertThat(fetched).as("bytes 250-449 lie in stripes 2, 3 and 4").containsExactlyInAnyOrder(2, 3, 4);
    fetched.clear();
    assertThat(run(f, 990, 10, budget, fetch)).isEqualTo(Arrays.copyOfRange(f.bytes(), 990, 1000));
    assertThat(fetched).as("the last 10 bytes: the last stripe alone").containsExactly(9);
    fetched.clear();
    assertThat(run(f, 300, 100, budget, fetch)).isEqualTo(Arrays.copyOfRange(f.bytes(), 300, 400));
    assertThat(fetched).as("exactly one stripe's bytes").containsExactly(3);
    assertThat(budget.used()).isZero();
  }

  @Test
  void concurrentReadsTogetherHoldAtMostTheBudgetAheadAndAllCompleteWithTheirBytes() {
    ReadAheadBudget budget = new ReadAheadBudget(3 * STRIPE);
    List<File> files = new ArrayList<>();
    Map<String, ByteString> all = new ConcurrentHashMap<>();
    for (int k = 0; k < 12; k++) {
      files.add(File.of(20, 100 + k));
      all.putAll(files.get(k).stripes());
    }
    // each stripe arrives a little later, on another thread, like one from another blade
    Function<String, CompletionStage<ByteString>> fetch = h -> CompletableFuture.supplyAsync(() -> all.get(h),
        CompletableFuture.delayedExecutor(2, java.util.concurrent.TimeUnit.MILLISECONDS));
    List<CompletableFuture<byte[]>> reads = files.stream().map(f -> CompletableFuture.supplyAsync(
        () -> run(f, 0, f.bytes().length, budget, fetch))).toList();
    for (int k = 0; k < reads.size(); k++) {
      assertThat(reads.get(k).join()).as("read " + k).isEqualTo(files.get(k).bytes());
    }
    assertThat(budget.peak()).as("read-ahead happened, within the budget").isGreaterThan(0)
        .isLessThanOrEqualTo(3 * STRIPE);
    assertThat(budget.used()).as("all given back").isZero();
  }

  @Test
  void aReadThatFindsNoBudgetLeftStillCompletesOneStripeAtATime() {
    ReadAheadBudget budget = new ReadAheadBudget(STRIPE);
    assertThat(budget.tryTake(STRIPE)).isTrue(); // someone else holds it all
    File f = File.of(8, 2);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Function<String, CompletionStage<ByteString>> fetch = h -> {
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      return CompletableFuture.supplyAsync(() -> {
        inFlight.decrementAndGet();
        return f.stripes().get(h);
      }, CompletableFuture.delayedExecutor(1, java.util.concurrent.TimeUnit.MILLISECONDS));
    };
    assertThat(run(f, 0, f.bytes().length, budget, fetch)).isEqualTo(f.bytes());
    assertThat(most.get()).as("stripes fetched at once with no budget").isEqualTo(1);
    budget.give(STRIPE);
    assertThat(budget.used()).isZero();
  }

  /** Fetches the test completes by hand, in the order it likes. */
  private static final class HandFetches implements Function<String, CompletionStage<ByteString>> {
    final Map<String, CompletableFuture<ByteString>> pending = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> asked = new ConcurrentLinkedQueue<>();

    @Override
    public CompletionStage<ByteString> apply(String hash) {
      asked.add(hash);
      return pending.computeIfAbsent(hash, h -> new CompletableFuture<>());
    }

    CompletableFuture<ByteString> of(String hash) {
      return pending.computeIfAbsent(hash, h -> new CompletableFuture<>());
    }
  }

  @Test
  void aCancelledReadGivesBackWhatItFetchedAtOnceAndWhatItWasFetchingWhenThatEnds() {
    ReadAheadBudget budget = new ReadAheadBudget(1 << 20);
    File f = File.of(10, 3);
    HandFetches fetch = new HandFetches();
    CompletableFuture<List<ByteString>> first = StripeReads.read(f.refs(), 0, f.bytes().length, budget, fetch)
        .take(1).runWith(Sink.seq(), kit.system()).toCompletableFuture();
    await(() -> assertThat(fetch.asked).as("stripes fetched ahead").hasSize(10));
    assertThat(budget.used()).as("nine stripes ahead of the first").isEqualTo(9 * STRIPE);
    for (int i = 1; i <= 4; i++) { // stripes 1-4 arrive, held, not sent yet
      fetch.of(f.refs().get(i).hash()).complete(f.stripes().get(f.refs().get(i).hash()));
    }
    fetch.of(f.refs().get(0).hash()).complete(f.stripes().get(f.refs().get(0).hash()));
    assertThat(first.join()).hasSize(1); // the reader took one stripe and went away
    await(() -> assertThat(budget.used()).as("5-9 still being fetched").isEqualTo(5 * STRIPE));
    for (int i = 5; i <= 8; i++) {
      fetch.of(f.refs().get(i).hash()).complete(f.stripes().get(f.refs().get(i).hash()));
    }
    fetch.of(f.refs().get(9).hash()).completeExceptionally(new IllegalStateException("blade gone"));
    await(() -> assertThat(budget.used()).as("every hold back").isZero());
  }

  @Test
  void aFailedFetchFailsTheReadAndGivesBackAllItHolds() {
    ReadAheadBudget budget = new ReadAheadBudget(1 << 20);
    File f = File.of(6, 4);
    String bad = f.refs().get(2).hash();
    Function<String, CompletionStage<ByteString>> fetch = h -> h.equals(bad)
        ? CompletableFuture.failedFuture(new Stripes.StripeUnavailableException(h))
        : CompletableFuture.supplyAsync(() -> f.stripes().get(h));
    assertThatThrownBy(() -> run(f, 0, f.bytes().length, budget, fetch))
        .hasRootCauseInstanceOf(Stripes.StripeUnavailableException.class);
    await(() -> assertThat(budget.used()).isZero());
  }
}
