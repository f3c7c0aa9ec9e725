package dci.actors.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dci.actors.log.Direction;
import dci.actors.log.LogEntry;
import dci.actors.router.Undeliverable;
import dci.protocol.Json;
import dci.protocol.auth.Role;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which logged envelopes a viewer reads without their payload, and what stays of them. */
class LogRedactionTest {
  private static final LogRedaction REDACTION = new LogRedaction(java.util.Set.of("exec", "dci.install"));
  private static final Sender API = new Sender("blade-1", null, null);

  private static Envelope to(String app, JsonNode payload) {
    return new Envelope(null, app, null, API, Recipients.all(), 4, 0, null, null, null, payload)
        .completed(API, Instant.now());
  }

  private static LogEntry line(Envelope e) {
    return new LogEntry(7, Instant.now(), "blade-1", Direction.SENT, e, "a note");
  }

  private static JsonNode execRequest() {
    return JsonNodeFactory.instance.objectNode().put("command", "echo").put("stdin", "top secret")
        .set("args", JsonNodeFactory.instance.arrayNode().add("SECRET"));
  }

  @Test
  void aViewerGetsAnExecRequestWithItsPayloadReplacedAndItsMetadataKept() {
    LogEntry whole = line(to("exec", execRequest()));
    LogEntry seen = REDACTION.forRole(Role.VIEWER, whole);
    assertThat(seen.envelope().payload().get("redacted").asBoolean()).isTrue();
    assertThat(seen.envelope().payload().get("bytes").asInt()).isEqualTo(Json.bytes(execRequest()).length);
    assertThat(Json.mapper().valueToTree(seen).toString()).doesNotContain("SECRET", "top secret", "echo");
    assertThat(seen.envelope()).usingRecursiveComparison().ignoringFields("payload").isEqualTo(whole.envelope());
    assertThat(seen).usingRecursiveComparison().ignoringFields("envelope").isEqualTo(whole);
  }

  @Test
  void aViewerGetsTheRepliesOfExecAndTheInstallerRedacted() {
    Envelope request = to("exec", execRequest());
    Envelope reply = Undeliverable.Replies.to(request, new Sender("blade-2", "exec", null),
        JsonNodeFactory.instance.objectNode().put("stdout", "SECRET-OUTPUT"), Instant.now());
    assertThat(reply.appType()).as("a reply travels to the api").isEqualTo(Envelope.API_APP);
    assertThat(REDACTION.forRole(Role.VIEWER, line(reply)).envelope().payload().has("stdout")).isFalse();

    Envelope install = to("dci.install", JsonNodeFactory.instance.objectNode().put("op", "install").put("name", "x"));
    assertThat(REDACTION.forRole(Role.VIEWER, line(install)).envelope().payload().has("name")).isFalse();
    Envelope report = Undeliverable.Replies.to(install, new Sender("blade-2", "dci.install", null),
        JsonNodeFactory.instance.objectNode().put("output", "step output"), Instant.now());
    assertThat(REDACTION.forRole(Role.VIEWER, line(report)).envelope().payload().has("output")).isFalse();
  }

  @Test
  void operatorsAndAdminsReadEveryEnvelopeWhole() {
    LogEntry whole = line(to("exec", execRequest()));
    assertThat(REDACTION.forRole(Role.OPERATOR, whole)).isSameAs(whole);
    assertThat(REDACTION.forRole(Role.ADMIN, whole)).isSameAs(whole);
  }

  @Test
  void otherAppsReachViewersWhole() {
    LogEntry chat = line(to("chat", JsonNodeFactory.instance.objectNode().put("op", "say").put("text", "hi")));
    assertThat(REDACTION.forRole(Role.VIEWER, chat)).isSameAs(chat);
  }
}
