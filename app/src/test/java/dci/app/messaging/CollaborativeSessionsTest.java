package dci.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.actors.peerlet.PeerletManager;
import dci.app.CageExtension;
import dci.app.Http;
import dci.app.TestCage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed's example: A, B and C chat in one session; A then opens a private session with B;
 * both sessions stay active and separate on every blade. And a whiteboard's late joiner gets
 * the current picture.
 */
@ExtendWith(CageExtension.class)
class CollaborativeSessionsTest {
  private static TestCage cage;
  private static String token;

  @BeforeAll
  static void logIn(TestCage shared) {
    cage = shared;
    token = Http.login(cage.url(1), "admin", cage.adminPassword());
  }

  /** Sends {@code payload} to app/session on {@code blade} through blade {@code via}'s API; returns the reply payload. */
  private static JsonNode send(int via, String app, String session, String blade, String payload) {
    Http.Reply r = Http.post(cage.url(via) + "/api/envelopes?wait=5s", token,
        "{\"appType\":\"" + app + "\",\"instance\":\"" + session + "\",\"to\":{\"mode\":\"BLADE\",\"blades\":[\""
            + blade + "\"]},\"payload\":" + payload + "}");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("replies")).as(r.text()).hasSize(1);
    return r.json().get("replies").get(0).get("payload");
  }

  private static List<String> texts(JsonNode history) {
    List<String> out = new ArrayList<>();
    history.get("messages").forEach(m -> out.add(m.get("user").asText() + ":" + m.get("text").asText()));
    return out;
  }

  private static List<String> eventuallyTexts(String session, String blade, int expected) throws InterruptedException {
    List<String> seen = List.of();
    for (int i = 0; i < 50 && seen.size() < expected; i++) {
      seen = texts(send(1, "chat", session, blade, "{\"op\":\"history\"}"));
      if (seen.size() < expected) {
        Thread.sleep(100);
      }
    }
    return seen;
  }

  @Test
  void teamSessionAndPrivateSessionStayActiveAndSeparateOnEveryBlade() throws Exception {
    send(1, "chat", "team", "blade-1", "{\"op\":\"open\",\"members\":[\"blade-1\",\"blade-2\",\"blade-3\"]}");
    send(1, "chat", "team", "blade-1", "{\"op\":\"say\",\"user\":\"A\",\"text\":\"hello all\"}");
    send(2, "chat", "team", "blade-2", "{\"op\":\"say\",\"user\":\"B\",\"text\":\"hi A and C\"}");
    send(3, "chat", "team", "blade-3", "{\"op\":\"say\",\"user\":\"C\",\"text\":\"hey\"}");

    send(1, "chat", "a-b-private", "blade-1", "{\"op\":\"open\",\"members\":[\"blade-1\",\"blade-2\"]}");
    send(1, "chat", "a-b-private", "blade-1", "{\"op\":\"say\",\"user\":\"A\",\"text\":\"just us, B\"}");
    send(2, "chat", "a-b-private", "blade-2", "{\"op\":\"say\",\"user\":\"B\",\"text\":\"sure\"}");
    send(2, "chat", "team", "blade-2", "{\"op\":\"say\",\"user\":\"B\",\"text\":\"back in the team\"}");

    for (String blade : List.of("blade-1", "blade-2", "blade-3")) {
      assertThat(eventuallyTexts("team", blade, 4)).as("team history on %s", blade)
          .containsExactlyInAnyOrder("A:hello all", "B:hi A and C", "C:hey", "B:back in the team");
    }
    for (String blade : List.of("blade-1", "blade-2")) {
      assertThat(eventuallyTexts("a-b-private", blade, 2)).as("private history on %s", blade)
          .containsExactlyInAnyOrder("A:just us, B", "B:sure");
    }
    TestProbe<PeerletManager.Instances> probe = TestProbe.create(cage.blade(3).system());
    cage.blade(3).parts().peerlets().tell(new PeerletManager.ListInstances(probe.getRef()));
    assertThat(probe.receiveMessage(Duration.ofSeconds(5)).running())
        .contains("chat~team").doesNotContain("chat~a-b-private");
  }

  @Test
  void aLateJoinerOfAWhiteboardReceivesTheCurrentPicture() throws Exception {
    send(1, "whiteboard", "wb1", "blade-1", "{\"op\":\"open\",\"members\":[\"blade-1\",\"blade-2\"]}");
    send(1, "whiteboard", "wb1", "blade-1", "{\"op\":\"stroke\",\"user\":\"A\",\"points\":[[0,0],[10,10]]}");
    send(2, "whiteboard", "wb1", "blade-2", "{\"op\":\"stroke\",\"user\":\"B\",\"color\":\"#ff0000\",\"points\":[[5,5],[6,7]]}");
    JsonNode picture = null;
    for (int i = 0; i < 50; i++) {
      picture = send(3, "whiteboard", "wb1", "blade-2", "{\"op\":\"join\",\"user\":\"C\"}");
      if (picture.get("strokes").size() == 2) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(picture.get("strokes")).hasSize(2);
    assertThat(picture.get("strokes").findValuesAsText("user")).containsExactlyInAnyOrder("A", "B");
    assertThat(send(1, "whiteboard", "wb1", "blade-1", "{\"op\":\"stroke\"}").get("error").asText()).contains("points");
  }
}
