package dci.protocol.envelope;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import java.io.IOException;
import java.util.Map;

/**
 * Payload trees as XML, both ways. Jackson reads the text of an element that also has attributes or
 * child elements ({@code <meta lang="en">hello</meta>}) as the key {@code ""}; written back, that key
 * is the element's text again, not an element without a name (which is malformed XML). What XML cannot
 * carry back is refused: several text segments in one element where it is read, a name that is no XML
 * name (from a JSON payload) where it is written.
 */
final class XmlPayloads {
  /** The key Jackson gives an element's text beside its attributes or child elements. */
  static final String TEXT = "";

  private XmlPayloads() {}

  /** The serializer that writes {@link #TEXT} as text; the XML mapper's only module of its own. */
  static SimpleModule module() {
    return new SimpleModule("dci-xml-payloads").addSerializer(ObjectNode.class, new ObjectWriter());
  }

  /** Refuses an element whose text is split by child elements ({@code <a>x<b/>y</a>}): its order is lost. */
  static void requireOneTextSegment(JsonNode node) {
    if (node == null) {
      return;
    }
    JsonNode text = node.isObject() ? node.get(TEXT) : null;
    if (text != null && !text.isTextual()) {
      throw new EnvelopeException("payload element mixes text and elements more than once: its order cannot be kept");
    }
    for (JsonNode child : node) {
      requireOneTextSegment(child);
    }
  }

  private static final class ObjectWriter extends StdSerializer<ObjectNode> {
    ObjectWriter() {
      super(ObjectNode.class);
    }

    @Override
    public void serialize(ObjectNode node, JsonGenerator g, SerializerProvider provider) throws IOException {
      PrettyPrinter indenting = g.getPrettyPrinter();
      if (indenting != null && node.has(TEXT)) {
        // indentation inside an element with text would become part of its text
        g.setPrettyPrinter(null);
        try {
          serialize(node, g, provider);
        } finally {
          g.setPrettyPrinter(indenting);
        }
        return;
      }
      g.writeStartObject(node);
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (field.getKey().equals(TEXT) && field.getValue().isTextual() && g instanceof ToXmlGenerator xml) {
          xml.setNextIsUnwrapped(true);
          xml.writeFieldName(TEXT);
          xml.writeString(field.getValue().textValue());
        } else {
          g.writeFieldName(field.getKey());
          write(field.getValue(), g, provider);
        }
      }
      g.writeEndObject();
    }

    private void write(JsonNode value, JsonGenerator g, SerializerProvider provider) throws IOException {
      if (value instanceof ObjectNode object) {
        serialize(object, g, provider);
      } else if (value instanceof ArrayNode array) {
        g.writeStartArray(array, array.size());
        for (JsonNode element : array) {
          write(element, g, provider);
        }
        g.writeEndArray();
      } else {
        provider.defaultSerializeValue(value, g);
      }
    }
  }
}
