package dci.actors.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.typesafe.config.ConfigFactory;
import dci.actors.DciConfig;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The journal form of the log's events: the configuration binds it, every kind of line round-trips,
 * a line's head reads without its payload and completes with it, and events journaled before it
 * (Jackson CBOR) still read.
 */
class LoggedSerializerTest {
  private static ActorTestKit kit;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    kit = ActorTestKit.create("dci", ConfigFactory.parseString("pekko.actor.provider = local")
        .withFallback(DciConfig.base(null)).withFallback(ConfigFactory.defaultReference()).resolve());
    serialization = SerializationExtension.get(kit.system().classicSystem());
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static Logged sample() {
    Sender from = new Sender("blade-2", "chat", "room-1");
    Instant t = Instant.parse("2026-12-05T10:15:30.123456789Z");
    Envelope full = new Envelope(UUID.randomUUID(), "chat", "room-1", from,
        Recipients.multicast(List.of("blade-1", "blade-3")), 4, 1, t, UUID.randomUUID(), UUID.randomUUID(),
        JsonNodeFactory.instance.objectNode().put("text", "héllo").put("n", 7));
    Envelope bare = new Envelope(UUID.randomUUID(), "echo", null, null, Recipients.any(), null, null, null, null,
        null, null);
    Envelope noApp = new Envelope(UUID.randomUUID(), null, null, null, null, null, null, null, null, null,
        JsonNodeFactory.instance.textNode("odd"));
    return new Logged(List.of(
        new LogEntry(41, t, "blade-1", Direction.RECEIVED, full, null),
        new LogEntry(42, t.plusNanos(1), "blade-1", Direction.UNDELIVERABLE, bare, "no such app: echo".repeat(5000)),
        new LogEntry(43, t.plusSeconds(1), null, Direction.EXPIRED, noApp, "ttl")));
  }

  @Test
  void theLogsEventsUseItAndRoundTrip() throws Exception {
    Logged logged = sample();
    Serializer s = serialization.findSerializerFor(logged);
    assertThat(s).isInstanceOf(LoggedSerializer.class);
    byte[] bytes = s.toBinary(logged);
    assertThat(serialization.deserialize(bytes, s.identifier(), Serializers.manifestFor(s, logged)).get())
        .isEqualTo(logged);
  }

  @Test
  void aHeadHasEverythingButThePayloadUntilCompleted() throws Exception {
    Logged logged = sample();
    byte[] bytes = new LoggedSerializer(null).toBinary(logged);
    List<LoggedSerializer.Head> heads = LoggedSerializer.heads(bytes, LoggedSerializer.MANIFEST);
    assertThat(heads).hasSize(3);
    LogEntry head = heads.get(0).line();
    LogEntry whole = logged.entries().get(0);
    assertThat(head.envelope().payload()).isNull();
    assertThat(head.envelope().id()).isEqualTo(whole.envelope().id());
    assertThat(head.envelope().to()).isEqualTo(whole.envelope().to());
    assertThat(head.at()).isEqualTo(whole.at());
    for (int i = 0; i < 3; i++) {
      assertThat(LoggedSerializer.complete(bytes, heads.get(i))).isEqualTo(logged.entries().get(i));
    }
  }

  @Test
  void eventsJournaledInJacksonCborStillRead() throws Exception {
    Logged logged = new Logged(sample().entries().subList(0, 2));
    Serializer jackson = serialization.serializerFor(dci.protocol.LogSummary.class); // the DciSerializable one
    byte[] old = jackson.toBinary(logged);
    JournalEvents events = new JournalEvents(kit.system(), "dci-log|blade-1");
    // the manifest Jackson wrote for Logged: its class name
    JournalEvents.Event e = events.event(7, old, jackson.identifier(), Logged.class.getName());
    assertThat(e.lines()).isEqualTo(logged.entries());
    assertThat(e.entry(1)).isEqualTo(logged.entries().get(1));
    JournalEvents.Event now = events.event(8, new LoggedSerializer(null).toBinary(logged), LoggedSerializer.IDENTIFIER,
        LoggedSerializer.MANIFEST);
    assertThat(now.lines().get(0).envelope().payload()).isNull();
    assertThat(List.of(now.entry(0), now.entry(1))).isEqualTo(logged.entries());
  }
}
