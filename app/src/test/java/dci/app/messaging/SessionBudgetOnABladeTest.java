package dci.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.CageExtension;
import dci.app.Http;
import dci.app.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a real blade (the default budget of 4 MiB per instance), a viewer who keeps sending large
 * whiteboard strokes to one session gets an Undeliverable reply naming the budget once the
 * session is full, and the session keeps the strokes it had.
 */
@ExtendWith(CageExtension.class)
class SessionBudgetOnABladeTest {

  private static JsonNode send(TestCluster cage, String token, String payload) {
    Http.Reply r = Http.post(cage.url(2) + "/api/envelopes?wait=5s", token,
        "{\"appType\":\"whiteboard\",\"instance\":\"budget-board\",\"to\":{\"mode\":\"BLADE\",\"blades\":[\"blade-2\"]},"
            + "\"payload\":" + payload + "}");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("replies")).as(r.text()).hasSize(1);
    return r.json().get("replies").get(0).get("payload");
  }

  @Test
  void aFullWhiteboardRefusesTheNextStrokeWithAnUndeliverableNamingItsBudget(TestCluster cage) {
    String admin = Http.login(cage.url(2), "admin", cage.adminPassword());
    Http.post(cage.url(2) + "/api/users", admin,
        "{\"user\":\"budget-viewer\",\"password\":\"budget-viewer-pass\",\"role\":\"viewer\"}");
    String viewer = Http.login(cage.url(2), "budget-viewer", "budget-viewer-pass");
    send(cage, viewer, "{\"op\":\"open\",\"members\":[\"blade-2\"]}");

    // about 750 KB a stroke: a few fit in 4 MiB, then one does not
    StringBuilder points = new StringBuilder("[[0,0]");
    for (int i = 1; i < 75_000; i++) {
      points.append(",[").append(i % 1000).append(',').append(i % 997).append(']');
    }
    String stroke = "{\"op\":\"stroke\",\"user\":\"V\",\"points\":" + points + "]}";
    int kept = 0;
    JsonNode reply = null;
    for (int n = 0; n < 8; n++) {
      reply = send(cage, viewer, stroke);
      if (reply.has("undeliverable")) {
        break;
      }
      kept++;
    }
    long budget = 4L << 20;
    assertThat((long) kept * points.length()).as("kept within the budget").isLessThanOrEqualTo(budget);
    assertThat((kept + 1L) * (points.length() + 100)).as("refused only when full").isGreaterThan(budget);
    assertThat(reply.get("undeliverable").asText()).contains("whiteboard~budget-board", "blade-2",
        "dci.peerlets.instance-budget");
    assertThat(send(cage, viewer, "{\"op\":\"picture\"}").get("strokes")).hasSize(kept);
  }
}
