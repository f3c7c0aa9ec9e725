package dci.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dci.actors.router.RouteResult;
import dci.actors.router.Router;
import dci.app.Http;
import dci.app.TestCluster;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Work addressed by what a blade is: a cage of three blades, blade-2 and blade-3 with role
 * {@code storage}. A peerlet's multicast to a role reaches exactly the blades with it and, when
 * none has it, comes back to the peerlet as an undeliverable notice; a task step to a role runs
 * on each of those blades and the next step reads their replies by blade name.
 */
class RoleAddressingTest {
  private static TestCluster cage;
  private static String admin;

  @BeforeAll
  static void start() throws Exception {
    cage = TestCluster.blades(3).roles(2, "storage").roles(3, "storage").start();
    admin = Http.login(cage.url(1), "admin", cage.adminPassword());
  }

  @AfterAll
  static void stop() {
    if (cage != null) {
      cage.close();
    }
  }

  private static JsonNode ask(String instance, JsonNode payload) {
    TestProbe<RouteResult> probe = TestProbe.create(cage.blade(1).system());
    Envelope e = new Envelope(null, "fanout", instance, null, Recipients.blade("blade-1"), null, null, null, null,
        null, payload);
    cage.blade(1).parts().router().tell(new Router.Send(e, Duration.ofSeconds(5), probe.getRef()));
    RouteResult r = probe.receiveMessage(Duration.ofSeconds(15));
    assertThat(r.replies()).as("the fanout peerlet's reply").hasSize(1);
    return r.replies().get(0).payload();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  @Test
  void aPeerletsMulticastToARoleReachesExactlyTheBladesWithIt() {
    ask("m1", JsonNodeFactory.instance.objectNode().put("role", "storage"));
    JsonNode heard = JsonNodeFactory.instance.objectNode().put("heard", true);
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(texts(ask("m1", heard).get("heard"))).containsExactly("blade-2", "blade-3"));
    assertThat(texts(ask("m1", heard).get("refused"))).isEmpty();
  }

  @Test
  void aPeerletsMulticastToARoleNoBladeHasComesBackAsAnUndeliverableNotice() {
    ask("m2", JsonNodeFactory.instance.objectNode().put("role", "printer"));
    JsonNode heard = JsonNodeFactory.instance.objectNode().put("heard", true);
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(texts(ask("m2", heard).get("refused"))).containsExactly("no Up blade has role 'printer'"));
    assertThat(texts(ask("m2", heard).get("heard"))).isEmpty();
  }

  @Test
  void aTaskStepToARoleRunsOnEachBladeWithItAndTheNextStepReadsTheirRepliesByName() {
    Http.Reply r = Http.post(cage.url(1) + "/api/tasks", admin, """
        {"name": "by-role", "steps": [
          {"blade": "role:storage", "app": "meta", "payload": "hi"},
          {"blade": "blade-1", "app": "slow", "payload": "${previous.blade-3}"}
        ]}""");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode steps = r.json().get("steps");
    assertThat(r.json().get("ok").asBoolean()).as(r.text()).isTrue();
    JsonNode first = steps.get(0).get("reply");
    assertThat(first.fieldNames()).toIterable().containsExactly("blade-2", "blade-3");
    assertThat(first.get("blade-2").get("blade").asText()).isEqualTo("blade-2");
    assertThat(steps.get(1).get("reply").get("blade").asText()).as("step 2 got blade-3's reply").isEqualTo("blade-3");
  }

  @Test
  void aTaskStepToARoleNoBladeHasFailsTheTaskWithTheReason() {
    Http.Reply r = Http.post(cage.url(1) + "/api/tasks", admin, """
        {"name": "nobody", "steps": [{"blade": "role:printer", "app": "meta", "payload": "hi"}]}""");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("ok").asBoolean()).isFalse();
    assertThat(r.json().get("steps").get(0).get("error").asText())
        .isEqualTo("undeliverable: no Up blade has role 'printer'");
  }

  @Test
  void aTaskStepNamingNeitherABladeNorARoleIsRefused() {
    Http.Reply r = Http.post(cage.url(1) + "/api/tasks", admin, """
        {"name": "bad", "steps": [{"blade": "role:", "app": "meta", "payload": "hi"}]}""");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).contains("role: needs a role name");
  }
}
