package dci.app.peerlets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.Json;
import dci.protocol.messaging.ExecRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exec peerlet reads what the CLI writes ({@link ExecRequest}) and refuses a malformed payload by name. */
class ExecRunParseTest {

  private static JsonNode json(String text) {
    return Json.parse(text, JsonNode.class);
  }

  @Test
  void theCliRequestBecomesTheCommandLineWithItsTimeLimit() {
    ExecRun.Request r = ExecRun.parse(ExecRequest.of("echo", List.of("a", "b c"), 1500).toPayload(), 30_000, 600_000);
    assertThat(r.command()).containsExactly("echo", "a", "b c");
    assertThat(r.timeoutMs()).isEqualTo(1500);
    assertThat(r.stdin()).isNull();
    assertThat(r.env()).isEmpty();
  }

  @Test
  void stdinEnvAndCwdAreRead() {
    var p = new ExecRequest("cat", null, "in", Map.of("A", "1"), "/tmp", null).toPayload();
    ExecRun.Request r = ExecRun.parse(p, 30_000, 600_000);
    assertThat(r.command()).containsExactly("cat");
    assertThat(r.stdin()).isEqualTo("in");
    assertThat(r.env()).containsEntry("A", "1");
    assertThat(r.cwd()).isEqualTo(Path.of("/tmp"));
    assertThat(r.timeoutMs()).isEqualTo(30_000);
  }

  @Test
  void aMalformedPayloadIsRefusedWithWhatIsWrong() {
    assertThatThrownBy(() -> ExecRun.parse(json("{\"args\":[\"x\"]}"), 1, 2)).hasMessageContaining("needs a \"command\"");
    assertThatThrownBy(() -> ExecRun.parse(json("{\"command\":\"ls\",\"args\":\"-l\"}"), 1, 2))
        .hasMessageContaining("\"args\" must be an array");
    assertThatThrownBy(() -> ExecRun.parse(json("{\"command\":\"ls\",\"env\":[1]}"), 1, 2))
        .hasMessageContaining("\"env\" must be an object");
    assertThatThrownBy(() -> ExecRun.parse(json("{\"command\":\"ls\",\"timeoutMs\":\"soon\"}"), 1, 2))
        .hasMessageContaining("malformed");
    assertThatThrownBy(() -> ExecRun.parse(json("{\"command\":\"ls\",\"timeoutMs\":0}"), 1000, 2000))
        .hasMessageContaining("between 1 and 2000");
  }
}
