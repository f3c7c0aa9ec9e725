package dci.storage.vnas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlacementTest {
  private static List<Placement.Candidate> blades(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> new Placement.Candidate("blade-" + i, "default", 1)).toList();
  }

  private static String id(int i) {
    return StripeFiles.sha256(java.nio.ByteBuffer.wrap(("stripe-" + i).getBytes()));
  }

  @Test
  void everyBladeComputesTheSameDistinctReplicas() {
    for (int i = 0; i < 100; i++) {
      List<String> a = Placement.choose(id(i), blades(5), 2);
      List<Placement.Candidate> reversed = new java.util.ArrayList<>(blades(5));
      java.util.Collections.reverse(reversed);
      List<String> b = Placement.choose(id(i), reversed, 2);
      assertThat(a).hasSize(2).doesNotHaveDuplicates().isEqualTo(b);
    }
  }

  @Test
  void aNewBladeTakesAboutItsFairShareAndOnlyThatMoves() {
    int n = 4000;
    int moved = 0;
    for (int i = 0; i < n; i++) {
      List<String> before = Placement.choose(id(i), blades(4), 1);
      List<String> after = Placement.choose(id(i), blades(5), 1);
      if (!before.equals(after)) {
        moved++;
        assertThat(after).containsExactly("blade-5");
      }
    }
    assertThat(moved).isBetween(n / 5 - n / 20, n / 5 + n / 20);
  }

  @Test
  void sharesFollowTheContributedWeights() {
    List<Placement.Candidate> c = List.of(new Placement.Candidate("big", "default", 3),
        new Placement.Candidate("small", "default", 1));
    int big = 0;
    for (int i = 0; i < 4000; i++) {
      big += Placement.choose(id(i), c, 1).get(0).equals("big") ? 1 : 0;
    }
    assertThat(big).isBetween(2800, 3200);
  }

  @Test
  void replicasGoToDifferentDataCentersFirst() {
    List<Placement.Candidate> c = List.of(new Placement.Candidate("a1", "east", 1),
        new Placement.Candidate("a2", "east", 1), new Placement.Candidate("a3", "east", 1),
        new Placement.Candidate("b1", "west", 1));
    for (int i = 0; i < 200; i++) {
      List<String> two = Placement.choose(id(i), c, 2);
      assertThat(two).anyMatch(b -> b.startsWith("a")).anyMatch(b -> b.startsWith("b"));
    }
  }
}
