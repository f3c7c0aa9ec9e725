package dci.app.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.hardware.body.BladeBody;
import dci.hardware.body.Reading;
import dci.hardware.port.PortRoute;
import dci.protocol.Json;
import dci.protocol.failover.BodyView;
import dci.protocol.failover.FailoverStatus;
import dci.protocol.failover.FailoverView;
import dci.protocol.failover.PortView;
import dci.protocol.failover.TriggerAnswer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fail-over's own records stay where they are stored (replicated maps, messages between
 * blades); the API shows them through the wire contract ({@code dci.protocol.failover}) as the
 * same JSON they were written as before, field for field, and the CLI reads that JSON back.
 */
class FailoverWireTest {
  static final Instant T = Instant.parse("2026-12-01T20:00:00Z");
  static final FailoverRecord RECORD = new FailoverRecord("fo-1", "blade-2", "lost", FailoverMethod.pre_copied,
      "blade-5", List.of("u1"), "done", "blade-1", T, T.plusSeconds(3),
      List.of(new FailoverRecord.Step(T, "blade-1", "detected"), new FailoverRecord.Step(T.plusSeconds(3), "blade-5", "switched")));
  static final FailoverRecord UNDER_WAY = new FailoverRecord("fo-2", "blade-3", "impending", null, null, null,
      "detected", "blade-1", T, null, null);

  @Test
  void aFailoverRecordIsShownAsTheJsonItWasWrittenAs() {
    for (FailoverRecord r : List.of(RECORD, UNDER_WAY)) {
      assertSameJson(r, FailoverWire.failover(r), FailoverView.class);
    }
  }

  @Test
  void theStatusAndATriggersAnswerAreShownAsTheJsonTheyWereWrittenAs() {
    Failover.Status s = new Failover.Status("blade-1", null, List.of("blade-3"), List.of("blade-5"), List.of(UNDER_WAY));
    assertSameJson(s, FailoverWire.status(s), FailoverStatus.class);
    Failover.Answer refused = new Failover.Answer(false, "no free spare", null);
    assertSameJson(refused, FailoverWire.answer(refused), TriggerAnswer.class);
    Failover.Answer started = new Failover.Answer(true, "started", RECORD);
    assertSameJson(started, FailoverWire.answer(started), TriggerAnswer.class);
  }

  @Test
  void aPortAndABodyAreShownAsTheJsonTheyWereWrittenAs() {
    PortRoute p = new PortRoute("u1", PortRoute.portOf("u1"), "blade-2", T, "assigned");
    assertSameJson(p, FailoverWire.port(p), PortView.class);
    Reading r = new Reading("blade-2", "cage-1", T, 0.25, 1, 2, 3, 4, 5, 6, 41.5, 7, 0.1, List.of("temperature=90"),
        Reading.Condition.warning, List.of("hot"));
    BladeBody.BodyState state = new BladeBody.BodyState("blade-2", "cage-1", List.of("temperature=90"), r);
    assertSameJson(state, FailoverWire.body(state), BodyView.class);
    BladeBody.BodyState fresh = new BladeBody.BodyState("blade-2", "cage-1", List.of(), null);
    assertSameJson(fresh, FailoverWire.body(fresh), BodyView.class);
  }

  private static <T> void assertSameJson(Object own, T wire, Class<T> type) {
    JsonNode before = Json.mapper().valueToTree(own);
    JsonNode after = Json.mapper().valueToTree(wire);
    assertThat(after).isEqualTo(before);
    assertThat(Json.mapper().convertValue(before, type)).isEqualTo(wire);
  }
}
