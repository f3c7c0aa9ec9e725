package dci.actors.peerlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.typesafe.config.ConfigFactory;
import dci.actors.router.Router;
import dci.protocol.auth.Role;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.time.Duration;
import java.time.Instant;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A blade runs at most {@code max-instances-per-app} instances of one app: an envelope for a
 * new GUID beyond it gets an Undeliverable notice naming the cap, the running instances keep
 * working, other apps are not counted against it, and a stopped instance frees its place.
 */
class InstanceCapTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private ActorTestKit kit;
  private TestProbe<Router.Command> router;
  private ActorRef<PeerletManager.Command> manager;

  /** Replies with how many envelopes this instance took; stops on "stop". */
  private static Behavior<PeerletMessage> counter(PeerletApi api) {
    api.ready();
    int[] seen = {0};
    return Behaviors.receive(PeerletMessage.class).onMessage(PeerletMessage.Incoming.class, m -> {
      if ("stop".equals(m.envelope().payload().asText())) {
        return Behaviors.stopped();
      }
      api.reply(m.envelope(), JsonNodeFactory.instance.numberNode(++seen[0]));
      return Behaviors.same();
    }).build();
  }

  @BeforeEach
  void managerWithACapOfTwo() {
    kit = ActorTestKit.create(ConfigFactory.parseString(
        "dci.blocking-io-dispatcher { type = Dispatcher, executor = thread-pool-executor }"));
    PeerletRegistry registry = new PeerletRegistry()
        .register(new PeerletType("counter", Role.VIEWER, InstanceCapTest::counter))
        .register(new PeerletType("other", Role.VIEWER, InstanceCapTest::counter));
    manager = kit.spawn(PeerletManager.create("blade-1", registry,
        new PeerletLimits(10, 3, Duration.ofMinutes(1), 2, 1 << 20)));
    router = kit.createTestProbe();
    manager.tell(new PeerletManager.UseRouter(router.getRef()));
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
  }

  private static Envelope to(String app, String guid, String payload) {
    Sender api = new Sender("blade-1", null, null);
    return new Envelope(null, app, guid, api, Recipients.blade("blade-1"), 4, 0, null, null, null,
        JsonNodeFactory.instance.textNode(payload)).completed(api, Instant.now());
  }

  /** Delivers {@code e} and answers what the instance replied (its count). */
  private int deliver(Envelope e) {
    manager.tell(new PeerletManager.Deliver(e));
    Router.Send reply = router.expectMessageClass(Router.Send.class, WAIT);
    assertThat(reply.envelope().correlationId()).isEqualTo(e.id());
    return reply.envelope().payload().asInt();
  }

  @Test
  void aNewGuidBeyondTheCapIsRefusedWithTheReasonAndRunningInstancesGoOn() {
    assertThat(deliver(to("counter", "g1", "a"))).isEqualTo(1);
    assertThat(deliver(to("counter", "g2", "a"))).isEqualTo(1);

    Envelope third = to("counter", "g3", "a");
    manager.tell(new PeerletManager.Deliver(third));
    Router.Undeliver refused = router.expectMessageClass(Router.Undeliver.class, WAIT);
    assertThat(refused.envelope()).isSameAs(third);
    assertThat(refused.reason()).contains("g3", "'counter'", "2 instances", "dci.peerlets.max-instances-per-app");

    assertThat(deliver(to("counter", "g1", "b"))).as("g1 kept its state").isEqualTo(2);
    assertThat(deliver(to("other", "g3", "a"))).as("another app has its own cap").isEqualTo(1);
    TestProbe<PeerletManager.Instances> list = kit.createTestProbe();
    manager.tell(new PeerletManager.ListInstances(list.getRef()));
    assertThat(list.receiveMessage(WAIT).running()).containsExactly("counter~g1", "counter~g2", "other~g3");
  }

  @Test
  void aStoppedInstanceFreesItsPlace() {
    deliver(to("counter", "g1", "a"));
    deliver(to("counter", "g2", "a"));
    manager.tell(new PeerletManager.Deliver(to("counter", "g2", "stop")));
    // the manager tells the sender of an instance's last envelope once it has seen it stop
    assertThat(router.expectMessageClass(Router.Undeliver.class, WAIT).reason()).contains("counter~g2", "stopped");
    assertThat(deliver(to("counter", "g3", "a"))).isEqualTo(1);
  }
}
