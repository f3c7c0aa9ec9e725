package dci.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonEnvelopeCodecTest extends EnvelopeCodecConformance {
  @Override
  EnvelopeCodec codec() {
    return new JsonEnvelopeCodec(LIMITS);
  }

  @Override
  String deeplyNested(int depth) {
    return "{\"appType\":\"echo\",\"payload\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}";
  }

  @Test
  void duplicateKeysAreRefused() {
    String dup = "{\"appType\":\"echo\",\"appType\":\"exec\"}";
    assertThatThrownBy(() -> codec().decode(dup.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EnvelopeException.class).hasMessageContaining("Duplicate");
  }
}
