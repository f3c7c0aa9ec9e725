package dci.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link EnvelopeCodec} must do; each codec's test extends this. */
abstract class EnvelopeCodecConformance {
  static final EnvelopeLimits LIMITS = new EnvelopeLimits(64 * 1024, 16);

  abstract EnvelopeCodec codec();

  static Envelope sample() {
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("text", "hello <world> & \"friends\"");
    payload.putObject("meta").put("lang", "en").put("count", "3");
    return new Envelope(UUID.randomUUID(), "chat", "session-42", new Sender("blade-1", "chat", "session-42"),
        Recipients.multicast(List.of("blade-2", "blade-3")), 4, 1, Instant.parse("2026-11-25T08:00:00Z"),
        UUID.randomUUID(), null, payload);
  }

  @Test
  void roundTripKeepsEveryField() {
    Envelope e = sample();
    assertThat(codec().decode(codec().encode(e))).isEqualTo(e);
  }

  @Test
  void roundTripKeepsEachRecipientMode() {
    for (Recipients r : List.of(Recipients.blade("blade-2"), Recipients.all(), Recipients.any(),
        Recipients.multicast(List.of("a", "b")))) {
      Envelope e = sample();
      Envelope withTo = new Envelope(e.id(), e.appType(), null, e.sender(), r, e.ttl(), e.hops(), e.created(),
          null, null, e.payload());
      assertThat(codec().decode(codec().encode(withTo)).to()).isEqualTo(r);
    }
  }

  @Test
  void oversizedInputIsRefusedBeforeParsing() {
    byte[] big = new byte[LIMITS.maxBytes() + 1];
    assertThatThrownBy(() -> codec().decode(big))
        .isInstanceOf(EnvelopeException.class).hasMessageContaining("limit");
  }

  @Test
  void malformedInputIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> codec().decode("{<not an envelope".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EnvelopeException.class).hasMessageContaining("malformed");
  }

  @Test
  void unknownFieldsAreRefusedByName() {
    byte[] encoded = codec().encode(sample());
    String text = new String(encoded, StandardCharsets.UTF_8);
    String tampered = codec().mediaType().contains("xml")
        ? text.replace("<appType>", "<sneaky>1</sneaky><appType>")
        : text.replace("{\"id\"", "{\"sneaky\":1,\"id\"");
    assertThatThrownBy(() -> codec().decode(tampered.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EnvelopeException.class).hasMessageContaining("sneaky");
  }

  @Test
  void excessiveNestingIsRefused() {
    assertThatThrownBy(() -> codec().decode(deeplyNested(40).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EnvelopeException.class);
  }

  /** An envelope whose payload nests {@code depth} levels, in this codec's format. */
  abstract String deeplyNested(int depth);

  @Test
  void completedFillsDefaultsClampsTtlAndRefusesNegativeTtl() {
    Envelope bare = new Envelope(null, "echo", null, null, null, 50, null, null, null, null, null);
    Envelope done = bare.completed(new Sender("blade-1", null, null), Instant.EPOCH);
    assertThat(done.ttl()).isEqualTo(Envelope.MAX_TTL);
    assertThat(done.id()).isNotNull();
    assertThat(done.hops()).isZero();
    assertThat(done.to().mode()).isEqualTo(Recipients.Mode.ANY);
    assertThat(codec().decode(codec().encode(done))).isEqualTo(done);
    Envelope negative = new Envelope(null, "echo", null, null, null, -1, null, null, null, null, null);
    assertThatThrownBy(() -> negative.completed(new Sender("b", null, null), Instant.EPOCH))
        .isInstanceOf(EnvelopeException.class).hasMessageContaining("negative");
    Envelope noApp = new Envelope(null, null, null, null, null, 1, null, null, null, null, null);
    assertThatThrownBy(() -> noApp.completed(new Sender("b", null, null), Instant.EPOCH))
        .hasMessageContaining("appType");
  }

  @Test
  void relayDecrementsTtlAndCountsHopsUntilExpired() {
    Envelope e = new Envelope(null, "echo", null, null, Recipients.blade("b"), 1, null, null, null, null, null)
        .completed(new Sender("a", null, null), Instant.EPOCH);
    Envelope once = e.relayed();
    assertThat(once.ttl()).isZero();
    assertThat(once.hops()).isEqualTo(1);
    assertThat(once.expired()).isTrue();
    assertThat(e.expired()).isFalse();
  }
}
