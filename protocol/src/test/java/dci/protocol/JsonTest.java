package dci.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The project's mapper settings, on the shared JSON mapper and on a mapper of another format made by the factory. */
class JsonTest {
  record Sample(String name, int count, Instant at) {}

  private static final Instant AT = Instant.parse("2026-12-05T12:00:00Z");

  @Test
  void isoTimesUnknownFieldsAndNullPrimitivesRefusedInEveryFormat() throws Exception {
    ObjectMapper xml = Json.configure(XmlMapper.builder()).build();
    assertThat(Json.mapper().writeValueAsString(new Sample("a", 1, AT))).contains("\"at\":\"2026-12-05T12:00:00Z\"");
    assertThat(xml.writeValueAsString(new Sample("a", 1, AT))).contains("<at>2026-12-05T12:00:00Z</at>");
    assertThat(xml.readValue("<Sample><name>a</name><count>2</count><at>2026-12-05T12:00:00Z</at></Sample>",
        Sample.class)).isEqualTo(new Sample("a", 2, AT));
    assertThatThrownBy(() -> Json.mapper().readValue("{\"name\":\"a\",\"count\":1,\"extra\":true}", Sample.class))
        .isInstanceOf(UnrecognizedPropertyException.class);
    assertThatThrownBy(() -> xml.readValue("<Sample><count>1</count><extra/></Sample>", Sample.class))
        .isInstanceOf(UnrecognizedPropertyException.class);
    assertThatThrownBy(() -> Json.mapper().readValue("{\"name\":\"a\",\"count\":null}", Sample.class))
        .isInstanceOf(MismatchedInputException.class).hasMessageContaining("Cannot map `null` into type `int`");
  }
}
