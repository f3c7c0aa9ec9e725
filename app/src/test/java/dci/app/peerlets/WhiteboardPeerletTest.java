package dci.app.peerlets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.actors.peerlet.PeerletMessage;
import dci.app.peerlets.RecordingPeerletApi.Call;
import dci.app.peerlets.RecordingPeerletApi.Kind;
import dci.protocol.auth.Role;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whiteboard peerlet, one instance at a time, against a recording double of its API. */
class WhiteboardPeerletTest {
  private static final String OPEN_1_2 = "{\"op\":\"open\",\"members\":[\"blade-1\",\"blade-2\"]}";
  private static ActorTestKit kit;
  private HandRoutedBlades blades;

  @BeforeAll
  static void startKit() {
    kit = ActorTestKit.create();
  }

  @AfterAll
  static void stopKit() {
    kit.shutdownTestKit();
  }

  @BeforeEach
  void freshBlades() {
    blades = new HandRoutedBlades(kit, WhiteboardPeerlet.type());
  }

  private static String stroke(String user, String color, int x) {
    return "{\"op\":\"stroke\",\"user\":\"" + user + "\",\"color\":\"" + color + "\",\"width\":3,\"points\":[["
        + x + ",0],[" + x + ",10]]}";
  }

  @Test
  void theTypeIsWhiteboardOpenToViewers() {
    assertThat(WhiteboardPeerlet.type().appType()).isEqualTo("whiteboard");
    assertThat(WhiteboardPeerlet.type().leastRole()).isEqualTo(Role.VIEWER);
  }

  @Test
  void anInstanceSaysItIsReadyOnceWhenItStarts() {
    blades.ask("blade-1", "w1", "{\"op\":\"picture\"}");
    assertThat(blades.instance("blade-1", "w1").api.readyCalls()).isEqualTo(1);
  }

  @Test
  void openForwardsToTheOtherMembersAndAnswersWithTheEmptyPicture() {
    JsonNode r = blades.ask("blade-1", "w1", "{\"op\":\"open\",\"members\":[\"blade-1\",\"blade-2\",\"blade-3\"]}");
    assertThat(r.get("session").asText()).isEqualTo("w1");
    assertThat(r.get("strokes")).isEmpty();
    Call open = blades.instance("blade-1", "w1").api.calls(Kind.MULTICAST).get(0);
    assertThat(open.blades()).containsExactly("blade-2", "blade-3");
    assertThat(open.payload().get("relayed").asBoolean()).isTrue();
    assertThat(blades.ask("blade-3", "w1", "{\"op\":\"picture\"}").get("members")).hasSize(3);
  }

  @Test
  void aStrokeIsKeptAndRelayedToTheOtherMembers() {
    blades.ask("blade-1", "w1", OPEN_1_2);
    JsonNode r = blades.ask("blade-1", "w1", stroke("A", "#ff0000", 1));
    assertThat(r.get("ok").asBoolean()).isTrue();

    Call relay = blades.instance("blade-1", "w1").api.calls(Kind.MULTICAST).get(1);
    assertThat(relay.blades()).containsExactly("blade-2");
    assertThat(relay.payload().get("op").asText()).isEqualTo("stroke");
    assertThat(relay.payload().get("relayed").asBoolean()).isTrue();
    assertThat(relay.payload().get("points").get(1).get(1).asInt()).isEqualTo(10);

    JsonNode s = blades.ask("blade-1", "w1", "{\"op\":\"picture\"}").get("strokes").get(0);
    assertThat(s.get("user").asText()).isEqualTo("A");
    assertThat(s.get("color").asText()).isEqualTo("#ff0000");
    assertThat(s.get("width").asInt()).isEqualTo(3);
    assertThat(s.get("points").toString()).isEqualTo("[[1,0],[1,10]]");
  }

  @Test
  void relayedStrokesAreDrawnButNeitherForwardedAgainNorAnswered() {
    blades.ask("blade-1", "w1", OPEN_1_2);
    blades.ask("blade-1", "w1", stroke("A", "#000000", 1));
    JsonNode picture = blades.ask("blade-2", "w1", "{\"op\":\"picture\"}");
    assertThat(picture.get("strokes")).hasSize(1);
    var api = blades.instance("blade-2", "w1").api;
    assertThat(api.calls(Kind.MULTICAST)).isEmpty();
    assertThat(api.calls(Kind.REPLY)).extracting(c -> c.original().payload().get("op").asText())
        .containsExactly("picture");
  }

  @Test
  void aLateJoinerReceivesTheCurrentPicture() {
    blades.ask("blade-1", "w1", OPEN_1_2);
    blades.ask("blade-1", "w1", stroke("A", "#000000", 1));
    blades.ask("blade-2", "w1", stroke("B", "#ff0000", 2));
    blades.ask("blade-1", "w1", stroke("A", "#00ff00", 3));
    for (String b : List.of("blade-1", "blade-2")) {
      JsonNode joined = blades.ask(b, "w1", "{\"op\":\"join\",\"user\":\"C\"}");
      assertThat(joined.get("session").asText()).isEqualTo("w1");
      assertThat(joined.get("strokes").findValuesAsText("user")).as("picture on %s", b).containsExactly("A", "B", "A");
      assertThat(joined.get("strokes").findValuesAsText("color")).containsExactly("#000000", "#ff0000", "#00ff00");
    }
  }

  @Test
  void badStrokesAndUnknownOpsAreAnsweredWithAnError() {
    assertThat(blades.ask("blade-1", "w1", "{\"op\":\"stroke\"}").get("error").asText()).contains("points");
    assertThat(blades.ask("blade-1", "w1", "{\"op\":\"stroke\",\"points\":[]}").has("error")).isTrue();
    assertThat(blades.ask("blade-1", "w1", "{\"op\":\"erase\"}").get("error").asText()).contains("erase");
    assertThat(blades.ask("blade-1", "w1", "{\"op\":\"picture\"}").get("strokes")).isEmpty();
    assertThat(blades.instance("blade-1", "w1").api.calls(Kind.MULTICAST)).isEmpty();
  }

  @Test
  void thePictureKeepsOnlyTheLastTenThousandStrokes() {
    var i = blades.instance("blade-1", "w1");
    int total = WhiteboardPeerlet.STROKES + 5;
    for (int n = 0; n < total; n++) {
      i.ref.tell(new PeerletMessage.Incoming(HandRoutedBlades.fromApi("whiteboard", "blade-1", "w1",
          HandRoutedBlades.json(stroke("A", "#000000", n)))));
    }
    JsonNode strokes = blades.ask("blade-1", "w1", "{\"op\":\"picture\"}").get("strokes");
    assertThat(WhiteboardPeerlet.STROKES).isEqualTo(10_000);
    assertThat(strokes).hasSize(WhiteboardPeerlet.STROKES);
    assertThat(strokes.get(0).get("points").get(0).get(0).asInt()).isEqualTo(5);
    assertThat(strokes.get(WhiteboardPeerlet.STROKES - 1).get("points").get(0).get(0).asInt()).isEqualTo(total - 1);
  }

  @Test
  void twoBoardsWithDifferentGuidsStaySeparate() {
    blades.ask("blade-1", "team", "{\"op\":\"open\",\"members\":[\"blade-1\",\"blade-2\",\"blade-3\"]}");
    blades.ask("blade-1", "pair", OPEN_1_2);
    blades.ask("blade-1", "team", stroke("A", "#000000", 1));
    blades.ask("blade-2", "pair", stroke("B", "#ff0000", 2));
    for (String b : List.of("blade-1", "blade-2", "blade-3")) {
      assertThat(blades.ask(b, "team", "{\"op\":\"picture\"}").get("strokes").findValuesAsText("user"))
          .as("team on %s", b).containsExactly("A");
    }
    for (String b : List.of("blade-1", "blade-2")) {
      assertThat(blades.ask(b, "pair", "{\"op\":\"picture\"}").get("strokes").findValuesAsText("user"))
          .as("pair on %s", b).containsExactly("B");
    }
    assertThat(blades.guidsOn("blade-3")).containsExactly("team");
  }
}
