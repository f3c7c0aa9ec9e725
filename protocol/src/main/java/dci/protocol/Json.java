package dci.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one factory of the project's Jackson mappers, and its shared JSON mapper (the API's, the
 * CLI's, the blades' among themselves). Every mapper, of any format, gets the same settings from
 * {@link #configure}: ISO-8601 times, unknown fields refused, a null or missing value for a
 * primitive refused. Others differ only where they must and say why (a parser with its own read
 * limits, the XML and CBOR formats, data kept on disk across versions).
 */
public final class Json {
  private static final ObjectMapper MAPPER = configure(JsonMapper.builder()).build();

  private Json() {}

  /** The shared JSON mapper (thread-safe; not to be reconfigured). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The project's settings on a mapper builder of any format (JSON, CBOR, XML); the caller adds what its format needs and builds. */
  public static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
    return builder.addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a request body into {@code type}; refuses malformed JSON and unknown fields with
   * an {@link IllegalArgumentException} whose message can be shown to the caller.
   */
  public static <T> T parse(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("request body is empty: expected a JSON object");
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw new IllegalArgumentException("expected a JSON object, got null");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException("unknown field '" + e.getPropertyName() + "'");
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage();
      int nl = msg.indexOf('\n');
      throw new IllegalArgumentException("malformed JSON: " + (nl > 0 ? msg.substring(0, nl) : msg)
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }
  }
}
