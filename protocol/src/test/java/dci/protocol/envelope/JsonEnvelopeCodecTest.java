package dci.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;
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

  /**
   * Fuzz finding (JsonEnvelopeCodecFuzzTestInputs/.../crash-number-beyond-double.json): 4e7222222 was
   * accepted as infinity and came back as the string "Infinity".
   */
  @Test
  void aNumberBeyondADoubleIsRefusedWhileLargeAndTinyOnesRoundTrip() {
    assertThatThrownBy(() -> decode("{\"appType\":\"echo\",\"payload\":{\"n\":[1,4e7222222]}}"))
        .isInstanceOf(EnvelopeException.class).hasMessageContaining("out of range");
    assertThatThrownBy(() -> decode("{\"appType\":\"echo\",\"payload\":-1e309}"))
        .isInstanceOf(EnvelopeException.class).hasMessageContaining("out of range");
    Envelope fine = decode("{\"appType\":\"echo\",\"payload\":[1e308,1e-400,123456789012345678901234567890]}");
    assertThat(codec().decode(codec().encode(fine))).isEqualTo(fine);
  }

  private Envelope decode(String json) {
    return codec().decode(json.getBytes(StandardCharsets.UTF_8));
  }
}
