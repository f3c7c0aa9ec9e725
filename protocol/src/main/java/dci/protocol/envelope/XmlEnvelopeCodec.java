package dci.protocol.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Envelopes as XML, the seed's portable format. Parsing is hardened: any DOCTYPE is refused
 * (so no external entities and no entity expansion bombs), and element depth, attribute
 * count, text length and total size are capped.
 */
public final class XmlEnvelopeCodec implements EnvelopeCodec {
  private final EnvelopeLimits limits;
  private final XMLInputFactory inputs;
  private final XmlMapper mapper;

  public XmlEnvelopeCodec(EnvelopeLimits limits) {
    this.limits = limits;
    this.inputs = HardenedXml.inputs(limits);
    this.mapper = HardenedXml.mapper(limits, inputs);
  }

  @Override
  public String mediaType() {
    return "application/xml";
  }

  @Override
  public byte[] encode(Envelope envelope) {
    try {
      return mapper.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new EnvelopeException("cannot encode envelope as XML: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Every {@code <envelope>} element of a larger document (an exported message log), in
   * document order, parsed with the same hardening; {@code maxDocumentBytes} caps the whole.
   */
  public java.util.List<Envelope> decodeAll(byte[] document, int maxDocumentBytes) {
    if (document.length > maxDocumentBytes) {
      throw new EnvelopeException("document of " + document.length + " bytes is over the " + maxDocumentBytes
          + "-byte limit");
    }
    java.util.List<Envelope> out = new java.util.ArrayList<>();
    XMLStreamReader reader = null;
    try {
      reader = inputs.createXMLStreamReader(new ByteArrayInputStream(document));
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.DTD) {
          throw new EnvelopeException("XML document refused: DOCTYPE declarations are not allowed");
        }
        if (event == XMLStreamConstants.START_ELEMENT && "envelope".equals(reader.getLocalName())) {
          Envelope e = mapper.readValue(reader, Envelope.class);
          XmlPayloads.requireOneTextSegment(e.payload());
          out.add(e);
        }
      }
      return out;
    } catch (UnrecognizedPropertyException e) {
      throw new EnvelopeException("unknown envelope field '" + e.getPropertyName() + "'", e);
    } catch (JsonProcessingException e) {
      throw new EnvelopeException("malformed XML document: " + JsonEnvelopeCodec.firstLine(e.getOriginalMessage()), e);
    } catch (XMLStreamException e) {
      throw new EnvelopeException("malformed XML document: " + JsonEnvelopeCodec.firstLine(e.getMessage()), e);
    } catch (IOException e) {
      throw new EnvelopeException("unreadable XML document: " + e.getMessage(), e);
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing to release
        }
      }
    }
  }

  /** The mapper (hardened, envelope-aware), for writing documents that embed envelopes. */
  public XmlMapper mapper() {
    return mapper;
  }

  @Override
  public Envelope decode(byte[] bytes) {
    limits.checkSize(bytes.length);
    XMLStreamReader reader = null;
    try {
      reader = inputs.createXMLStreamReader(new ByteArrayInputStream(bytes));
      HardenedXml.toRoot(reader, "envelope");
      Envelope e = mapper.readValue(reader, Envelope.class);
      XmlPayloads.requireOneTextSegment(e.payload());
      while (reader.hasNext()) {
        if (reader.next() == XMLStreamConstants.START_ELEMENT) {
          throw new EnvelopeException("XML envelope has content after its root element");
        }
      }
      return e;
    } catch (UnrecognizedPropertyException e) {
      throw new EnvelopeException("unknown envelope field '" + e.getPropertyName() + "'", e);
    } catch (JsonProcessingException e) {
      throw new EnvelopeException("malformed XML envelope: " + JsonEnvelopeCodec.firstLine(e.getOriginalMessage()), e);
    } catch (XMLStreamException e) {
      throw new EnvelopeException("malformed XML envelope: " + JsonEnvelopeCodec.firstLine(e.getMessage()), e);
    } catch (IOException e) {
      throw new EnvelopeException("unreadable XML envelope: " + e.getMessage(), e);
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing to release
        }
      }
    }
  }
}
