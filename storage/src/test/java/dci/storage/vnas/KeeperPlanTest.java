package dci.storage.vnas;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeeperPlanTest {
  private static final VnasSettings SETTINGS = VnasSettings.fromConfig(ConfigFactory.parseString("""
      dci.storage.contribute = 1GiB
      dci.vnas { stripe-size = 1MiB, replicas = 2, rules = [], cache-size = 0, write-timeout = 1s,
        transfer-timeout = 1s, publish-interval = 1s, keeper-interval = 1s, gc-grace = 1s, hot-reads = 0,
        put-parallelism = 1, index-settle = 1s,
        read-ahead-budget = 1MiB }
      """));
  private static final String H = "a".repeat(64);
  private static final List<Placement.Candidate> THREE = List.of(new Placement.Candidate("blade-1", "d", 1),
      new Placement.Candidate("blade-2", "d", 1), new Placement.Candidate("blade-3", "d", 1));

  private static VnasEntry file() {
    return new VnasEntry("/f", false, 10, 0, 0, 1, null, List.of(new StripeRef(H, 10)), Map.of());
  }

  private static KeeperPlan plan(String self, Map<String, Set<String>> holders, List<Placement.Candidate> cands,
      Set<String> up, Set<String> local, Set<String> stale) {
    return plan(self, holders, cands, up, local, stale, Set.of());
  }

  private static KeeperPlan plan(String self, Map<String, Set<String>> holders, List<Placement.Candidate> cands,
      Set<String> up, Set<String> local, Set<String> stale, Set<String> full) {
    return KeeperPlan.of(new KeeperPlan.Inputs(self, List.of(file()), holders, cands, up, local, Set.of(), stale,
        full, SETTINGS));
  }

  @Test
  void aFullBladesShareStaysOnTheNextInRankAndMovesBackOnceItHasRoom() {
    List<String> rank = Placement.rank(H, THREE);
    String first = rank.get(0);
    String second = rank.get(1);
    String overflow = rank.get(2);
    Set<String> up = Set.of("blade-1", "blade-2", "blade-3");
    Map<String, Set<String>> holders = Map.of(H, Set.of(second, overflow)); // the PUT passed over the full one
    Set<String> full = Set.of(first);
    for (String self : List.of(second, overflow)) {
      KeeperPlan p = plan(self, holders, THREE, up, Set.of(H), Set.of(), full);
      assertThat(p.copies()).as("%s tries no copy to the full %s", self, first).isEmpty();
      assertThat(p.drop()).as("%s keeps the overflow copy", self).isEmpty();
      assertThat(p.underReplicated()).isZero();
    }
    String responsible = new java.util.TreeSet<>(holders.get(H)).first();
    KeeperPlan roomAgain = plan(responsible, holders, THREE, up, Set.of(H), Set.of(), Set.of());
    assertThat(roomAgain.copies()).as("with room again, the stripe moves back").containsEntry(H, List.of(first));
    assertThat(plan(overflow, Map.of(H, Set.of(first, second, overflow)), THREE, up, Set.of(H), Set.of(), Set.of())
        .drop()).as("and the overflow copy goes once it is there").containsExactly(H);
  }

  @Test
  void theFirstLiveHolderCopiesAStripeThatLostAReplicaToADownBlade() {
    List<String> desired = Placement.choose(H, THREE, 2);
    String dead = desired.get(0);
    String survivor = desired.get(1);
    Set<String> up = new java.util.TreeSet<>(Set.of("blade-1", "blade-2", "blade-3"));
    up.remove(dead);
    List<Placement.Candidate> live = THREE.stream().filter(c -> up.contains(c.blade())).toList();
    Map<String, Set<String>> holders = Map.of(H, Set.of(dead, survivor));
    KeeperPlan p = plan(survivor, holders, live, up, Set.of(H), Set.of());
    assertThat(p.underReplicated()).isEqualTo(1);
    String third = up.stream().filter(b -> !b.equals(survivor)).findFirst().orElseThrow();
    assertThat(p.copies()).containsEntry(H, List.of(third));
    KeeperPlan other = plan(third, holders, live, up, Set.of(), Set.of());
    assertThat(other.copies()).as("only the responsible holder copies").isEmpty();
  }

  @Test
  void aHolderPlacementNoLongerWantsDropsItsCopyOnlyOnceTheWantedOnesHaveIt() {
    List<String> desired = Placement.choose(H, THREE, 2);
    String extra = THREE.stream().map(Placement.Candidate::blade).filter(b -> !desired.contains(b)).findFirst()
        .orElseThrow();
    Set<String> up = Set.of("blade-1", "blade-2", "blade-3");
    Map<String, Set<String>> all = Map.of(H, Set.of(desired.get(0), desired.get(1), extra));
    assertThat(plan(extra, all, THREE, up, Set.of(H), Set.of()).drop()).containsExactly(H);
    Map<String, Set<String>> notYet = Map.of(H, Set.of(desired.get(0), extra));
    assertThat(plan(extra, notYet, THREE, up, Set.of(H), Set.of()).drop()).isEmpty();
  }

  @Test
  void aBoundStripeMissingFromDiskIsFetchedBackAndStaleCopiesAreDropped() {
    Set<String> up = Set.of("blade-1", "blade-2", "blade-3");
    Map<String, Set<String>> holders = new HashMap<>(Map.of(H, Set.of("blade-1", "blade-2")));
    assertThat(plan("blade-1", holders, THREE, up, Set.of(), Set.of()).refetch()).containsExactly(H);
    String orphan = "b".repeat(64);
    KeeperPlan p = plan("blade-3", holders, THREE, up, Set.of(orphan), Set.of(orphan));
    assertThat(p.drop()).containsExactly(orphan);
  }

  @Test
  void aStripeWithNoLiveReplicaIsReportedUnavailable() {
    KeeperPlan p = plan("blade-3", Map.of(H, Set.of("blade-1")), THREE.subList(2, 3), Set.of("blade-3"), Set.of(),
        Set.of());
    assertThat(p.unavailable()).isEqualTo(1);
    assertThat(p.copies()).isEmpty();
  }
}
