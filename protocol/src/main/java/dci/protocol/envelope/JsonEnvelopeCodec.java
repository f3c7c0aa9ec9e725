package dci.protocol.envelope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dci.protocol.Json;
import java.io.IOException;

/** Envelopes as JSON: duplicate keys, unknown fields, excess depth and size, numbers beyond a double refused. */
public final class JsonEnvelopeCodec implements EnvelopeCodec {
  private final EnvelopeLimits limits;
  private final ObjectMapper mapper;

  public JsonEnvelopeCodec(EnvelopeLimits limits) {
    this.limits = limits;
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth())
            .maxStringLength(limits.maxBytes())
            .build())
        .build();
    factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    // a mapper of its own: its factory carries the envelope's read limits, and nothing may follow the envelope
    this.mapper = Json.configure(JsonMapper.builder(factory)).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  @Override
  public String mediaType() {
    return "application/json";
  }

  @Override
  public byte[] encode(Envelope envelope) {
    try {
      return mapper.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new EnvelopeException("cannot encode envelope as JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public Envelope decode(byte[] bytes) {
    limits.checkSize(bytes.length);
    try {
      Envelope e = mapper.readValue(bytes, Envelope.class);
      if (e == null) {
        throw new EnvelopeException("empty envelope");
      }
      requireFiniteNumbers(e.payload());
      return e;
    } catch (UnrecognizedPropertyException e) {
      throw new EnvelopeException("unknown envelope field '" + e.getPropertyName() + "'", e);
    } catch (JsonProcessingException e) {
      throw new EnvelopeException("malformed JSON envelope: " + firstLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new EnvelopeException("unreadable envelope: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a payload number too large for a double (e.g. 1e400): it would read as infinity, which
   * JSON cannot carry back (it is written as the string "Infinity").
   */
  private static void requireFiniteNumbers(JsonNode node) {
    if (node == null) {
      return;
    }
    if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      throw new EnvelopeException("payload number out of range: a JSON number must fit a double");
    }
    for (JsonNode child : node) {
      requireFiniteNumbers(child);
    }
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl > 0 ? s.substring(0, nl) : s;
  }
}
