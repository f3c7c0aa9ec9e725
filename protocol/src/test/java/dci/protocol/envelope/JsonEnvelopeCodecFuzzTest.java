package dci.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;

/**
 * Fuzzes the JSON envelope codec where untrusted envelopes enter ({@code POST /envelopes}:
 * {@link JsonEnvelopeCodec#decode}, then {@link Envelope#completed}). The only acceptable
 * refusal is an {@link EnvelopeException}; what is accepted re-encodes and decodes to an equal
 * envelope. Plain {@code mvn verify} replays the inputs in {@code JsonEnvelopeCodecFuzzTestInputs};
 * {@code JAZZER_FUZZ=1} fuzzes (bench/fuzz.sh).
 */
class JsonEnvelopeCodecFuzzTest {
  private static final JsonEnvelopeCodec CODEC = new JsonEnvelopeCodec(EnvelopeLimits.DEFAULT);
  private static final Sender ENTRY = new Sender("blade-1", null, null);

  @FuzzTest(maxDuration = "5s")
  void decodeRefusesCleanlyOrRoundTrips(byte[] input) {
    Envelope e;
    try {
      e = CODEC.decode(input);
    } catch (EnvelopeException refused) {
      return;
    }
    assertThat(CODEC.decode(CODEC.encode(e))).isEqualTo(e);
    try {
      Envelope done = e.completed(ENTRY, Instant.EPOCH);
      assertThat(CODEC.decode(CODEC.encode(done))).isEqualTo(done);
    } catch (EnvelopeException refused) {
      // an envelope that parses but is incomplete or invalid: refused at entry
    }
  }
}
