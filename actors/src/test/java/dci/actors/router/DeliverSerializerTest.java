package dci.actors.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.actors.BladeSettings;
import dci.actors.DciConfig;
import dci.actors.TestBlades;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.io.NotSerializableException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Envelopes between routers use the compact serializer, and come back equal, whatever they hold. */
class DeliverSerializerTest {
  @TempDir static Path dir;
  static ActorTestKit kit;
  static Serialization serialization;

  @BeforeAll
  static void start() {
    BladeSettings s = new BladeSettings("blade-1", "127.0.0.1", TestBlades.freePort(), "127.0.0.1",
        TestBlades.freePort(), dir, List.of(), "default", List.of());
    TestBlades.prepareTls(s, null);
    kit = ActorTestKit.create(BladeSettings.SYSTEM_NAME, DciConfig.forBlade(s, DciConfig.base(null)));
    serialization = SerializationExtension.get(kit.system().classicSystem());
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static Router.Deliver roundTrip(Router.Deliver d) throws Exception {
    var serializer = serialization.findSerializerFor(d);
    assertThat(serializer).isInstanceOf(DeliverSerializer.class);
    byte[] bytes = serialization.serialize(d).get();
    return (Router.Deliver) serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, d)).get();
  }

  @Test
  void aFullEnvelopeComesBackEqual() throws Exception {
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("text", "héllo <&> \u2603").put("n", 42).put("pi", 3.14).put("yes", true).putNull("nothing");
    payload.putArray("list").add(1).add("two").addObject().put("deep", "x");
    Envelope e = new Envelope(UUID.randomUUID(), "chat", "session-1", new Sender("blade-1", "chat", "session-1"),
        Recipients.multicast(List.of("blade-2", "blade-3")), 7, 2, Instant.parse("2026-11-25T08:00:00.123456789Z"),
        UUID.randomUUID(), UUID.randomUUID(), payload);
    assertThat(roundTrip(new Router.Deliver(e))).isEqualTo(new Router.Deliver(e));
  }

  @Test
  void aMinimalEnvelopeWithNullsComesBackEqual() throws Exception {
    Envelope e = new Envelope(UUID.randomUUID(), "echo", null, new Sender("blade-2", null, null), Recipients.all(),
        4, 0, Instant.EPOCH, null, null, null);
    assertThat(roundTrip(new Router.Deliver(e))).isEqualTo(new Router.Deliver(e));
    Envelope text = new Envelope(UUID.randomUUID(), "echo", null, null, Recipients.any(), null, null, null, null,
        null, JsonNodeFactory.instance.textNode("hi"));
    assertThat(roundTrip(new Router.Deliver(text))).isEqualTo(new Router.Deliver(text));
  }

  @Test
  void corruptOrForeignBytesAreRefused() {
    DeliverSerializer s = new DeliverSerializer(null);
    assertThatThrownBy(() -> s.fromBinary(new byte[] {1, 2, 3}, "D1")).isInstanceOf(NotSerializableException.class);
    assertThatThrownBy(() -> s.fromBinary(new byte[0], "D9")).isInstanceOf(NotSerializableException.class)
        .hasMessageContaining("D9");
  }
}
