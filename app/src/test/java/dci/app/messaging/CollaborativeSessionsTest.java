package dci.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.actors.peerlet.PeerletManager;
import dci.app.CageExtension;
import dci.app.Http;
import dci.app.TestCluster;
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
  private static final Duration RELAYED_WITHIN = Duration.ofSeconds(30);
  private static TestCluster cage;
  private static String token;

  @BeforeAll
  static void logIn(TestCluster shared) {
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

  /** Waits until the history of {@code session} on {@code blade} (asked through blade 1) holds exactly {@code lines} (relays are asynchronous). */
  private static void awaitHistory(String session, String blade, String what, String... lines) {
    await().atMost(RELAYED_WITHIN).untilAsserted(() ->
        assertThat(texts(send(1, "chat", session, blade, "{\"op\":\"history\"}"))).as("%s on %s", what, blade)
            .containsExactlyInAnyOrder(lines));
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
      awaitHistory("team", blade, "team history", "A:hello all", "B:hi A and C", "C:hey", "B:back in the team");
    }
    for (String blade : List.of("blade-1", "blade-2")) {
      awaitHistory("a-b-private", blade, "private history", "A:just us, B", "B:sure");
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
    JsonNode picture = await().atMost(RELAYED_WITHIN).until(
        () -> send(3, "whiteboard", "wb1", "blade-2", "{\"op\":\"join\",\"user\":\"C\"}"),
        p -> p.get("strokes").size() == 2);
    assertThat(picture.get("strokes")).hasSize(2);
    assertThat(picture.get("strokes").findValuesAsText("user")).containsExactlyInAnyOrder("A", "B");
    assertThat(send(1, "whiteboard", "wb1", "blade-1", "{\"op\":\"stroke\"}").get("error").asText()).contains("points");
  }
}
