package dci.app.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import dci.actors.log.LogEntry;
import dci.protocol.envelope.XmlEnvelopeCodec;
import java.time.Instant;
import java.util.List;

/**
 * The archivable form of a message log: one XML document, {@code <log blade=".." exported="..">}
 * with an {@code <entry>} per line, each holding its {@code <envelope>} in the portable format.
 * {@code dci replay --file} reads it back.
 */
@JacksonXmlRootElement(localName = "log")
@JsonInclude(JsonInclude.Include.NON_NULL)
record LogExport(
    @JacksonXmlProperty(isAttribute = true) String blade,
    @JacksonXmlProperty(isAttribute = true) Instant exported,
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "entry") List<LogEntry> entries) {

  static byte[] xml(String blade, List<LogEntry> entries, XmlEnvelopeCodec codec) {
    try {
      return codec.mapper().writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(new LogExport(blade, Instant.now(), entries));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot export the log as XML: " + e.getOriginalMessage(), e);
    }
  }
}
