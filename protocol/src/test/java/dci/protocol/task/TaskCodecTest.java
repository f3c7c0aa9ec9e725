package dci.protocol.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dci.protocol.envelope.EnvelopeException;
import dci.protocol.envelope.EnvelopeLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TaskCodecTest {
  private final TaskCodec codec = new TaskCodec(EnvelopeLimits.DEFAULT);

  private Task decode(String text, String mediaType) {
    return codec.decode(text.getBytes(StandardCharsets.UTF_8), mediaType);
  }

  @Test
  void aTaskIsReadFromJsonAndFromXml() {
    Task json = decode("{\"name\":\"t\",\"steps\":[{\"blade\":\"blade-1\",\"app\":\"echo\",\"payload\":\"hi\"}]}",
        "application/json");
    Task xml = decode("<task name=\"t\"><step><blade>blade-1</blade><app>echo</app><payload>hi</payload></step></task>",
        "application/xml");
    assertThat(json.steps()).singleElement().satisfies(s -> assertThat(s.app()).isEqualTo("echo"));
    assertThat(xml).isEqualTo(json);
  }

  /** Fuzz finding (TaskCodecFuzzTestInputs/.../crash-null-step.json): a NullPointerException escaped. */
  @Test
  void aNullStepIsRefusedByNumberNotWithANullPointerException() {
    assertThatThrownBy(() -> decode("{\"steps\":[{\"blade\":\"b\",\"app\":\"echo\"},null]}", "application/json"))
        .isInstanceOf(EnvelopeException.class).hasMessage("step 2 needs a blade and an app");
  }
}
