package dci.app.peerlets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.actors.peerlet.InstanceBudget;
import dci.app.peerlets.RecordingPeerletApi.Call;
import dci.app.peerlets.RecordingPeerletApi.Kind;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A collaborative session keeps at most its byte budget ({@code dci.peerlets.instance-budget}):
 * a line or stroke that would take it over is refused with an Undeliverable notice naming the
 * budget, it is neither kept nor relayed, and what the session held stays as it was. Changes held
 * until the session opens count too, and the open lets go of them.
 */
class SessionBudgetTest {
  private static final String OPEN_1_2 = "{\"op\":\"open\",\"members\":[\"blade-1\",\"blade-2\"]}";
  private static ActorTestKit kit;

  @BeforeAll
  static void startKit() {
    kit = ActorTestKit.create();
  }

  @AfterAll
  static void stopKit() {
    kit.shutdownTestKit();
  }

  private static String say(int n) {
    return "{\"op\":\"say\",\"user\":\"A\",\"text\":\"" + n + "-" + "x".repeat(400) + "\"}";
  }

  private static String stroke(int length) {
    StringBuilder points = new StringBuilder("[[0,0]");
    for (int i = 1; i < length; i++) {
      points.append(",[").append(i).append(',').append(i).append(']');
    }
    return "{\"op\":\"stroke\",\"user\":\"A\",\"color\":\"#000000\",\"width\":1,\"points\":" + points + "]}";
  }

  private static void assertRefusedForItsBudget(Call c, String key, long budget) {
    assertThat(c.kind()).isEqualTo(Kind.REFUSE);
    assertThat(c.payload().asText()).contains("state of " + key + " on blade-1", "over its budget of " + budget,
        "dci.peerlets.instance-budget");
  }

  @Test
  void aChatLineOverTheBudgetIsRefusedAndTheHistoryStaysAsItWas() {
    HandRoutedBlades blades = new HandRoutedBlades(kit, ChatPeerlet.type(), 2_000);
    blades.ask("blade-1", "s1", OPEN_1_2);
    List<Integer> accepted = new ArrayList<>();
    Call last = null;
    for (int n = 0; n < 10; n++) {
      last = blades.outcome("blade-1", "s1", say(n));
      if (last.kind() == Kind.REFUSE) {
        break;
      }
      accepted.add(n);
    }
    assertThat(accepted).as("lines of ~450 bytes in 2000").hasSizeBetween(2, 4);
    assertRefusedForItsBudget(last, "chat~s1", 2_000);

    var api = blades.instance("blade-1", "s1").api;
    assertThat(api.calls(Kind.MULTICAST)).as("the open and the accepted lines, not the refused one")
        .hasSize(1 + accepted.size());
    JsonNode history = blades.ask("blade-1", "s1", "{\"op\":\"history\"}");
    assertThat(history.get("messages")).hasSize(accepted.size());
    assertThat(history.get("messages").get(accepted.size() - 1).get("text").asText())
        .startsWith(accepted.get(accepted.size() - 1) + "-");
    assertThat(blades.ask("blade-2", "s1", "{\"op\":\"history\"}").get("messages")).as("the other member's copy")
        .hasSize(accepted.size());
  }

  @Test
  void aStrokeOverTheBudgetIsRefusedAndThePictureStaysAsItWas() {
    HandRoutedBlades blades = new HandRoutedBlades(kit, WhiteboardPeerlet.type(), 4_096);
    blades.ask("blade-1", "w1", OPEN_1_2);
    assertThat(blades.outcome("blade-1", "w1", stroke(100)).kind()).isEqualTo(Kind.REPLY);
    assertThat(blades.outcome("blade-1", "w1", stroke(100)).kind()).isEqualTo(Kind.REPLY);
    Call big = blades.outcome("blade-1", "w1", stroke(400));
    assertRefusedForItsBudget(big, "whiteboard~w1", 4_096);

    JsonNode strokes = blades.ask("blade-1", "w1", "{\"op\":\"picture\"}").get("strokes");
    assertThat(strokes).hasSize(2).allSatisfy(s -> assertThat(s.get("points")).hasSize(100));
    assertThat(blades.outcome("blade-1", "w1", stroke(10)).kind()).as("a small one still fits").isEqualTo(Kind.REPLY);
  }

  @Test
  void aChangeHeldUntilTheSessionOpensCountsAndTheOpenLetsGoOfIt() {
    String payload = stroke(50);
    JsonNode p = HandRoutedBlades.json(payload);
    ObjectNode kept = JsonNodeFactory.instance.objectNode();
    kept.set("points", p.get("points"));
    kept.put("color", "#000000").put("width", 1).put("user", "A");
    // room for the stroke kept, not for it kept and held as well
    long budget = InstanceBudget.sizeOf(kept) + InstanceBudget.sizeOf(p) - 1;
    HandRoutedBlades blades = new HandRoutedBlades(kit, WhiteboardPeerlet.type(), budget);

    assertRefusedForItsBudget(blades.outcome("blade-1", "w1", payload), "whiteboard~w1", budget);
    blades.ask("blade-1", "w1", OPEN_1_2);
    assertThat(blades.outcome("blade-1", "w1", payload).kind()).as("once open, nothing is held").isEqualTo(Kind.REPLY);
    assertThat(blades.ask("blade-2", "w1", "{\"op\":\"picture\"}").get("strokes")).hasSize(1);
  }
}
