package dci.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dci.actors.router.RouteResult;
import dci.actors.router.Router;
import dci.actors.router.Undeliverable;
import dci.app.CageExtension;
import dci.app.TestCluster;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The router and peerlet manager of three real blades: delivery modes, TTL, GUID instances, supervision. */
@ExtendWith(CageExtension.class)
class RouterAcrossBladesTest {
  private static TestCluster cage;

  @BeforeAll
  static void cage(TestCluster shared) {
    cage = shared;
  }

  private static RouteResult send(int fromBlade, String app, String instance, Recipients to, Integer ttl,
      JsonNode payload, Duration wait) {
    TestProbe<RouteResult> probe = TestProbe.create(cage.blade(fromBlade).system());
    Envelope e = new Envelope(null, app, instance, null, to, ttl, null, null, null, null, payload);
    cage.blade(fromBlade).parts().router().tell(new Router.Send(e, wait, probe.getRef()));
    return probe.receiveMessage(wait.plusSeconds(10));
  }

  private static RouteResult send(int fromBlade, String app, Recipients to, Integer ttl) {
    return send(fromBlade, app, null, to, ttl, JsonNodeFactory.instance.textNode("hi"), Duration.ofSeconds(5));
  }

  private static JsonNode only(RouteResult r) {
    assertThat(r.complete()).as("all replied: %s", r.replies()).isTrue();
    assertThat(r.replies()).hasSize(1);
    return r.replies().get(0).payload();
  }

  @Test
  void ttlAbove9IsResetTo9AndEachHopBetweenBladesCostsOne() {
    RouteResult r = send(1, "meta", Recipients.blade("blade-2"), 50);
    assertThat(r.envelope().ttl()).isEqualTo(9);
    JsonNode seen = only(r);
    assertThat(seen.get("blade").asText()).isEqualTo("blade-2");
    assertThat(seen.get("ttl").asInt()).isEqualTo(8);
    assertThat(seen.get("hops").asInt()).isEqualTo(1);
  }

  @Test
  void deliveryOnTheSameBladeCostsNoTtl() {
    JsonNode seen = only(send(1, "meta", Recipients.blade("blade-1"), null));
    assertThat(seen.get("ttl").asInt()).isEqualTo(Envelope.DEFAULT_TTL);
    assertThat(seen.get("hops").asInt()).isZero();
  }

  @Test
  void broadcastReachesEveryUpBladeAndMulticastOnlyTheListedOnes() {
    RouteResult all = send(2, "meta", Recipients.all(), null);
    assertThat(all.targets()).containsExactly("blade-1", "blade-2", "blade-3");
    assertThat(all.replies()).extracting(e -> e.sender().blade())
        .containsExactlyInAnyOrder("blade-1", "blade-2", "blade-3");
    RouteResult some = send(1, "meta", Recipients.multicast(List.of("blade-2", "blade-3")), null);
    assertThat(some.replies()).extracting(e -> e.sender().blade()).containsExactlyInAnyOrder("blade-2", "blade-3");
  }

  @Test
  void anyBladeRunningTheAppIsServedLocallyFirst() {
    assertThat(only(send(3, "meta", Recipients.any(), null)).get("blade").asText()).isEqualTo("blade-3");
  }

  @Test
  void anEnvelopeNoBladeCanServeIsRelayedUntilItsTtlExpiresAndTheSenderIsTold() {
    RouteResult r = send(1, "nowhere", Recipients.any(), 2);
    assertThat(r.replies()).hasSize(1);
    Envelope notice = r.replies().get(0);
    assertThat(Undeliverable.is(notice)).isTrue();
    assertThat(Undeliverable.reason(notice)).contains("TTL expired after 2 hop(s)");
    assertThat(notice.correlationId()).isEqualTo(r.id());
  }

  @Test
  void ttlZeroCannotLeaveTheBladeAndUnknownBladesAreUndeliverable() {
    RouteResult zero = send(1, "meta", Recipients.blade("blade-2"), 0);
    assertThat(Undeliverable.reason(zero.replies().get(0))).contains("TTL expired");
    RouteResult unknown = send(1, "meta", Recipients.blade("blade-42"), null);
    assertThat(Undeliverable.reason(unknown.replies().get(0))).contains("blade-42").contains("unknown");
    RouteResult noApp = send(1, "nosuch", Recipients.blade("blade-3"), null);
    assertThat(Undeliverable.reason(noApp.replies().get(0))).contains("no peerlet for app type 'nosuch'");
  }

  @Test
  void eachGuidIsItsOwnInstanceAndNoGuidMeansTheDefaultInstance() {
    JsonNode hi = JsonNodeFactory.instance.textNode("hi");
    Duration w = Duration.ofSeconds(5);
    assertThat(only(send(1, "meta", "s1", Recipients.blade("blade-2"), null, hi, w)).get("count").asInt()).isEqualTo(1);
    assertThat(only(send(1, "meta", "s1", Recipients.blade("blade-2"), null, hi, w)).get("count").asInt()).isEqualTo(2);
    JsonNode s2 = only(send(3, "meta", "s2", Recipients.blade("blade-2"), null, hi, w));
    assertThat(s2.get("count").asInt()).isEqualTo(1);
    assertThat(s2.get("instance").asText()).isEqualTo("s2");
    assertThat(only(send(1, "meta", null, Recipients.blade("blade-2"), null, hi, w)).get("instance").asText())
        .isEqualTo("default");
  }

  @Test
  void envelopesWaitUntilAStartingPeerletIsReadyAndOverflowIsUndeliverable() {
    TestProbe<RouteResult> probe = TestProbe.create(cage.blade(1).system());
    for (int i = 0; i < 7; i++) {
      Envelope e = new Envelope(null, "slow", "q1", null, Recipients.blade("blade-2"), null, null, null, null, null,
          JsonNodeFactory.instance.numberNode(i));
      cage.blade(1).parts().router().tell(new Router.Send(e, Duration.ofSeconds(5), probe.getRef()));
    }
    List<JsonNode> answered = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Envelope reply = probe.receiveMessage(Duration.ofSeconds(15)).replies().get(0);
      if (Undeliverable.is(reply)) {
        refused.add(Undeliverable.reason(reply));
      } else {
        answered.add(reply.payload());
      }
    }
    assertThat(answered).extracting(JsonNode::asInt).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    assertThat(refused).hasSize(2).allSatisfy(r -> assertThat(r).contains("queue").contains("full"));
  }

  @Test
  void aCrashingPeerletIsRestartedWithItsGuidAndOneThatKeepsCrashingIsStoppedAndTheSenderTold() {
    Duration w = Duration.ofSeconds(2);
    JsonNode boom = JsonNodeFactory.instance.textNode("boom");
    JsonNode ok = JsonNodeFactory.instance.textNode("ok");
    Recipients b3 = Recipients.blade("blade-3");
    assertThat(only(send(1, "crashy", "c1", b3, null, ok, w)).asInt()).isEqualTo(1);
    assertThat(only(send(1, "crashy", "c1", b3, null, ok, w)).asInt()).isEqualTo(2);
    assertThat(send(1, "crashy", "c1", b3, null, boom, w).replies()).as("a crash answers nothing").isEmpty();
    assertThat(only(send(1, "crashy", "c1", b3, null, ok, w)).asInt()).as("restarted: a fresh count").isEqualTo(1);
    send(1, "crashy", "c1", b3, null, boom, w);
    send(1, "crashy", "c1", b3, null, boom, w);
    RouteResult last = send(1, "crashy", "c1", b3, null, boom, w);
    assertThat(last.replies()).hasSize(1);
    assertThat(Undeliverable.reason(last.replies().get(0))).contains("crashed and was stopped");
    assertThat(only(send(1, "crashy", "c1", b3, null, ok, w)).asInt()).as("a new instance after the stop").isEqualTo(1);
  }
}
