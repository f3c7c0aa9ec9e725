package dci.protocol.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dci.protocol.Json;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The messaging records write the field names the API always had (scripts and the console read them). */
class MessagingWireTest {

  private static String json(Object value) {
    return new String(Json.bytes(value), StandardCharsets.UTF_8);
  }

  @Test
  void aLogHeadHasNoEntriesSoTheBladeCanStreamThemAfterIt() {
    Instant at = Instant.parse("2026-01-02T03:04:05Z");
    assertThat(json(LogReply.head("blade-1", at, LogCursor.of(41L, null))))
        .isEqualTo("{\"blade\":\"blade-1\",\"exported\":\"2026-01-02T03:04:05Z\",\"next\":{\"before\":41}}");
    assertThat(json(LogReply.head("blade-1", at, LogCursor.of(null, null))))
        .isEqualTo("{\"blade\":\"blade-1\",\"exported\":\"2026-01-02T03:04:05Z\",\"next\":null}");
  }

  @Test
  void aReplayRunIsTheSendResultWithTheReplayedIdFirst() {
    UUID old = UUID.fromString("00000000-0000-0000-0000-000000000001");
    UUID now = UUID.fromString("00000000-0000-0000-0000-000000000002");
    JsonNode run = Json.mapper().valueToTree(ReplayRun.of(old, new SendResult(now, List.of("blade-2"), true, null,
        List.of())));
    assertThat(run.fieldNames()).toIterable()
        .containsExactly("replayOf", "id", "targets", "complete", "envelope", "replies");
    assertThat(run.get("replayOf").asText()).isEqualTo(old.toString());
  }

  @Test
  void onlyAReplyWhosePayloadIsMarkedUndeliverableIsANotice() {
    Envelope original = new Envelope(UUID.randomUUID(), "echo", null, new Sender("blade-1", null, null),
        Recipients.blade("blade-9"), 4, 0, Instant.now(), null, null, null);
    JsonNode notice = new UndeliverableNotice("no blade named blade-9", original.id().toString(), "blade-1")
        .toPayload();
    assertThat(UndeliverableNotice.of(reply(notice))).get()
        .extracting(UndeliverableNotice::undeliverable).isEqualTo("no blade named blade-9");
    assertThat(UndeliverableNotice.of(reply(JsonNodeFactory.instance.objectNode().put("echo", "hi")))).isEmpty();
    assertThat(UndeliverableNotice.of(reply(JsonNodeFactory.instance.textNode("undeliverable")))).isEmpty();
  }

  @Test
  void anExecReplyLeavesErrorOutWhenTheProgramRan() {
    JsonNode ran = new ExecReply("blade-1", 0, "hi\n", "", false, false, 12, null).toPayload();
    assertThat(ran.has("error")).isFalse();
    assertThat(ExecReply.of(ran)).get().extracting(ExecReply::stdout).isEqualTo("hi\n");
    assertThat(ExecReply.of(JsonNodeFactory.instance.objectNode().put("ok", true))).isEmpty();
  }

  private static Envelope reply(JsonNode payload) {
    return new Envelope(UUID.randomUUID(), "api", null, new Sender("blade-1", null, null), Recipients.blade("blade-1"),
        4, 0, Instant.now(), null, null, payload);
  }

  @Test
  void aChatRequestWritesOnlyWhatItsOpNeeds() {
    assertThat(json(ChatRequest.open(List.of("blade-1", "blade-2"))))
        .isEqualTo("{\"op\":\"open\",\"members\":[\"blade-1\",\"blade-2\"]}");
    assertThat(json(ChatRequest.say("ann", "hi"))).isEqualTo("{\"op\":\"say\",\"user\":\"ann\",\"text\":\"hi\"}");
    assertThat(json(ChatRequest.history())).isEqualTo("{\"op\":\"history\"}");
  }

  @Test
  void anExecRequestLeavesOutWhatTheBladeChoosesItself() {
    assertThat(json(ExecRequest.of("uname", List.of("-n"), 5000)))
        .isEqualTo("{\"command\":\"uname\",\"args\":[\"-n\"],\"timeoutMs\":5000}");
  }
}
