package dci.protocol.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import dci.protocol.Json;
import dci.protocol.envelope.EnvelopeException;
import dci.protocol.envelope.EnvelopeLimits;
import dci.protocol.envelope.HardenedXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads tasks from XML ({@code <task>}) or JSON, with the same hardening as envelopes. */
public final class TaskCodec {
  private final EnvelopeLimits limits;
  private final XMLInputFactory inputs;
  private final XmlMapper xml;
  private final ObjectMapper json;

  public TaskCodec(EnvelopeLimits limits) {
    this.limits = limits;
    this.inputs = HardenedXml.inputs(limits);
    this.xml = HardenedXml.mapper(limits, inputs);
    this.json = Json.mapper();
  }

  public Task decode(byte[] bytes, String mediaType) {
    if (bytes.length > limits.maxBytes()) {
      throw new EnvelopeException("task of " + bytes.length + " bytes is over the " + limits.maxBytes() + "-byte limit");
    }
    try {
      Task t;
      if (mediaType != null && mediaType.toLowerCase(java.util.Locale.ROOT).contains("xml")) {
        XMLStreamReader r = inputs.createXMLStreamReader(new ByteArrayInputStream(bytes));
        HardenedXml.toRoot(r, "task");
        t = xml.readValue(r, Task.class);
      } else {
        t = json.readValue(bytes, Task.class);
      }
      if (t == null) {
        throw new EnvelopeException("empty task");
      }
      return t.validated();
    } catch (UnrecognizedPropertyException e) {
      throw new EnvelopeException("unknown task field '" + e.getPropertyName() + "'", e);
    } catch (JsonProcessingException e) {
      throw new EnvelopeException("malformed task: " + e.getOriginalMessage().split("\n")[0], e);
    } catch (XMLStreamException e) {
      throw new EnvelopeException("malformed task: " + String.valueOf(e.getMessage()).split("\n")[0], e);
    } catch (IOException e) {
      throw new EnvelopeException("unreadable task: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new EnvelopeException(e.getMessage(), e);
    }
  }
}
