package dci.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON mapper of the API and the CLI: ISO-8601 times, unknown fields refused. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
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
