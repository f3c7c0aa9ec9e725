package dci.storage.vnas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The blade's read-ahead budget: never more taken than it holds, however many take at once. */
class ReadAheadBudgetTest {
  @Test
  void threadsTakingAndGivingAtOnceNeverHoldMoreThanTheBudgetAndGiveItAllBack() throws Exception {
    ReadAheadBudget budget = new ReadAheadBudget(100);
    AtomicLong held = new AtomicLong(); // what the takers hold by their own count
    AtomicLong worst = new AtomicLong();
    AtomicLong granted = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 20_000; i++) {
          long n = ThreadLocalRandom.current().nextLong(1, 41);
          if (budget.tryTake(n)) {
            granted.incrementAndGet();
            worst.accumulateAndGet(held.addAndGet(n), Math::max);
            held.addAndGet(-n);
            budget.give(n);
          }
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(granted.get()).as("the budget was taken, often").isGreaterThan(1000);
    assertThat(worst.get()).as("held by the takers at once").isLessThanOrEqualTo(100);
    assertThat(budget.peak()).isLessThanOrEqualTo(100).isGreaterThan(40);
    assertThat(budget.used()).as("all given back").isZero();
  }

  @Test
  void moreThanIsLeftIsNotTakenAtAllAndGivingBackMoreThanTakenIsABug() {
    ReadAheadBudget budget = new ReadAheadBudget(10);
    assertThat(budget.tryTake(11)).isFalse();
    assertThat(budget.tryTake(6)).isTrue();
    assertThat(budget.tryTake(5)).as("only 4 left").isFalse();
    assertThat(budget.used()).isEqualTo(6);
    budget.give(6);
    assertThatThrownBy(() -> budget.give(1)).isInstanceOf(IllegalStateException.class);
    assertThat(new ReadAheadBudget(0).tryTake(1)).as("a budget of 0: no read-ahead").isFalse();
  }
}
