package dci.protocol.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dci.protocol.envelope.EnvelopeException;
import dci.protocol.envelope.EnvelopeLimits;

/**
 * Fuzzes the task codec where untrusted tasks enter ({@code POST /tasks}). The media type is XML
 * when the input's first byte is even ({@code '<'}) and JSON when it is odd ({@code '{'}), so plain
 * documents serve as inputs. The only acceptable refusal is an {@link EnvelopeException}; an
 * accepted task is a valid one. Plain {@code mvn verify} replays the inputs in
 * {@code TaskCodecFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes (bench/fuzz.sh).
 */
class TaskCodecFuzzTest {
  private static final TaskCodec CODEC = new TaskCodec(EnvelopeLimits.DEFAULT);

  @FuzzTest(maxDuration = "5s")
  void decodeRefusesCleanlyOrGivesAValidTask(byte[] input) {
    String mediaType = input.length > 0 && (input[0] & 1) == 0 ? "application/xml" : "application/json";
    Task t;
    try {
      t = CODEC.decode(input, mediaType);
    } catch (EnvelopeException refused) {
      return;
    }
    assertThat(t.steps()).isNotEmpty().hasSizeLessThanOrEqualTo(Task.MAX_STEPS)
        .allSatisfy(s -> assertThat(s.blade()).isNotNull())
        .allSatisfy(s -> assertThat(s.app()).isNotNull());
  }
}
