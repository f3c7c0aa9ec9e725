package dci.storage.vnas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rendezvous ranking of blades for a shard: the same on every blade, even, and moving little when blades come and go. */
class ShardRingTest {
  private static final List<String> FIVE = List.of("pekko://dci@127.0.0.1:2551", "pekko://dci@127.0.0.1:2552",
      "pekko://dci@127.0.0.1:2553", "pekko://dci@127.0.0.1:2554", "pekko://dci@127.0.0.1:2555");

  @Test
  void everyBladeRanksTheSameWhateverOrderItKnowsTheBladesIn() {
    List<String> reversed = new ArrayList<>(FIVE);
    java.util.Collections.reverse(reversed);
    for (int s = 0; s < IndexStore.SHARDS; s++) {
      assertThat(ShardRing.holders(s, reversed, 2)).isEqualTo(ShardRing.holders(s, FIVE, 2)).hasSize(2)
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void eachBladeDecidesAndHoldsAboutItsShareOfTheShards() {
    Map<String, Integer> first = new HashMap<>();
    Map<String, Integer> held = new HashMap<>();
    for (int s = 0; s < IndexStore.SHARDS; s++) {
      List<String> h = ShardRing.holders(s, FIVE, 2);
      first.merge(h.get(0), 1, Integer::sum);
      h.forEach(b -> held.merge(b, 1, Integer::sum));
    }
    // 4096 / 5 = 819 decided and 1638 held each; within 15 %
    assertThat(first.values()).allSatisfy(n -> assertThat(n).isBetween(696, 942));
    assertThat(held.values()).allSatisfy(n -> assertThat(n).isBetween(1392, 1884));
  }

  @Test
  void aBladeThatJoinsTakesOnlyItsOwnPlacesAndOneThatLeavesMovesOnlyItsOwn() {
    List<String> four = FIVE.subList(0, 4);
    String joining = FIVE.get(4);
    int moved = 0;
    for (int s = 0; s < IndexStore.SHARDS; s++) {
      List<String> before = ShardRing.holders(s, four, 2);
      List<String> after = ShardRing.holders(s, FIVE, 2);
      List<String> kept = new ArrayList<>(after);
      kept.remove(joining);
      // the blades that stay keep their order; one of the old holders remains
      assertThat(before).containsAll(kept);
      assertThat(kept).isNotEmpty();
      if (!before.equals(after)) {
        moved++;
        assertThat(after).contains(joining);
      }
    }
    // the joining blade holds about 2 of every 5 shards: only those change
    assertThat(moved).isBetween(1392, 1884);
  }
}
