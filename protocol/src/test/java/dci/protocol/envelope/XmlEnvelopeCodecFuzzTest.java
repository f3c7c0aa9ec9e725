package dci.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.List;

/**
 * Fuzzes the XML envelope codec where untrusted envelopes enter: {@code POST /envelopes}
 * ({@link XmlEnvelopeCodec#decode}, then {@link Envelope#completed}) and a log replay
 * ({@link XmlEnvelopeCodec#decodeAll}). The only acceptable refusal is an
 * {@link EnvelopeException}; what is accepted re-encodes and decodes to an equal envelope.
 * Plain {@code mvn verify} replays the inputs in {@code XmlEnvelopeCodecFuzzTestInputs};
 * {@code JAZZER_FUZZ=1} fuzzes (bench/fuzz.sh).
 */
class XmlEnvelopeCodecFuzzTest {
  private static final XmlEnvelopeCodec CODEC = new XmlEnvelopeCodec(EnvelopeLimits.DEFAULT);
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

  /** Also written back indented, as a log export writes envelopes, and read back as a replay reads them. */
  @FuzzTest(maxDuration = "5s")
  void decodeAllRefusesCleanlyOrRoundTrips(byte[] input) throws Exception {
    List<Envelope> all;
    try {
      all = CODEC.decodeAll(input, EnvelopeLimits.DEFAULT.maxBytes());
    } catch (EnvelopeException refused) {
      return;
    }
    for (Envelope e : all) {
      assertThat(CODEC.decode(CODEC.encode(e))).isEqualTo(e);
      byte[] indented = CODEC.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(e);
      assertThat(CODEC.decodeAll(indented, EnvelopeLimits.DEFAULT.maxBytes())).containsExactly(e);
    }
  }
}
