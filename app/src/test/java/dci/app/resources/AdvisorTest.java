package dci.app.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dci.protocol.resources.Advice;
import dci.protocol.resources.DemandMap;
import dci.protocol.resources.ResourceSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Advice and the demand map from synthetic samples: a user on a busy blade is moved one-to-one to
 * an idle blade without users, swapped with the lighter user of an idle blade that has one; a
 * blade that stopped sampling is no target; even load gives no advice.
 */
class AdvisorTest {
  static final Instant T0 = Instant.parse("2026-03-31T00:00:00Z");
  static final Advisor.Thresholds T = new Advisor.Thresholds(70, 30);

  /** Ten minutes of one sample a minute of each blade: blade, cpu, users, in turn. */
  static List<ResourceSample> minutes(Object... bladeCpuUsers) {
    List<ResourceSample> out = new ArrayList<>();
    for (int m = 0; m < 10; m++) {
      for (int i = 0; i < bladeCpuUsers.length; i += 3) {
        @SuppressWarnings("unchecked") List<String> users = (List<String>) bladeCpuUsers[i + 2];
        Map<String, Double> desks = new java.util.HashMap<>();
        users.forEach(u -> desks.put(u, u.equals("heavy") ? 3.0 : 0.0));
        out.add(new ResourceSample((String) bladeCpuUsers[i], T0.plus(Duration.ofMinutes(m)),
            Map.of("cpu", (Double) bladeCpuUsers[i + 1], "memory", 40.0), users, desks, Map.of(), 1));
      }
    }
    return out;
  }

  @Test
  void aUserOfABusyBladeMovesOneToOneToAnIdleBladeWithoutUsers() {
    Advice a = Advisor.of(T0, T0, minutes("blade-2", 90.0, List.of("u1"), "blade-4", 5.0, List.of(),
        "blade-3", 20.0, List.of("u3")), T);
    assertThat(a.suggestions()).hasSize(1);
    Advice.Suggestion s = a.suggestions().get(0);
    assertThat(s.kind()).isEqualTo("one-to-one");
    assertThat(s.reason()).isEqualTo("u1's blade-2 runs at 90 % CPU while blade-4 idles at 5 %: move u1 to blade-4");
    assertThat(s.gain()).isEqualTo(85.0);
    assertThat(s.command()).isEqualTo("dci move plan --kind one-to-one --pair u1:blade-2:blade-4");
    assertThat(a.blades()).extracting(Advice.BladeLoad::blade).containsExactly("blade-2", "blade-3", "blade-4");
  }

  @Test
  void theMostActiveUserOfABusyBladeSwapsWithTheLighterUserOfAnIdleOne() {
    Advice a = Advisor.of(T0, T0, minutes("blade-2", 95.0, List.of("heavy", "light2"), "blade-3", 10.0,
        List.of("light3")), T);
    assertThat(a.suggestions()).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo("swap");
      assertThat(s.pairs()).containsExactly(new Advice.Pair("heavy", "blade-2", "blade-3"),
          new Advice.Pair("light3", "blade-3", "blade-2"));
      assertThat(s.command()).isEqualTo(
          "dci move plan --kind swap --pair heavy:blade-2:blade-3 --pair light3:blade-3:blade-2");
      assertThat(s.gain()).isEqualTo(85.0);
    });
  }

  @Test
  void aBladeThatStoppedSamplingIsNoTargetAndEvenLoadGivesNoAdvice() {
    List<ResourceSample> samples = minutes("blade-2", 90.0, List.of("u1"), "blade-4", 5.0, List.of());
    Instant fresh = T0.plus(Duration.ofMinutes(20));
    assertThat(Advisor.of(T0, fresh, samples, T).suggestions()).isEmpty();
    assertThat(Advisor.of(T0, T0, minutes("blade-1", 50.0, List.of("u1"), "blade-2", 45.0, List.of("u2")), T)
        .suggestions()).isEmpty();
  }

  @Test
  void theDemandMapChargesEachUserTheLoadOfTheBladesTheyWereOn() {
    List<ResourceSample> samples = new ArrayList<>(minutes("blade-2", 80.0, List.of("heavy")));
    samples.addAll(minutes("blade-3", 20.0, List.of()).stream().map(s -> new ResourceSample(s.blade(),
        s.at().plus(Duration.ofMinutes(10)), s.values(), List.of("heavy"), Map.of(), Map.of("heavy", 2.0), 1)).toList());
    DemandMap m = DemandMaps.of(T0, samples);
    assertThat(m.blades()).containsExactly("blade-2", "blade-3");
    DemandMap.Row heavy = m.users().get(0);
    assertThat(heavy.user()).isEqualTo("heavy");
    assertThat(heavy.blade()).isEqualTo("blade-3");
    assertThat(heavy.load()).isEqualTo(50.0);
    assertThat(heavy.cells()).extracting(DemandMap.Cell::blade).containsExactly("blade-2", "blade-3");
    assertThat(heavy.cells().get(0).sessions()).isEqualTo(3.0);
    assertThat(heavy.cells().get(1).loginsPerMinute()).isEqualTo(2.0);
    assertThat(heavy.cells().get(1).samples()).isEqualTo(10);
  }
}
