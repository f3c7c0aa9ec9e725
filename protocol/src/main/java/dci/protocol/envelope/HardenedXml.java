package dci.protocol.envelope;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import dci.protocol.Json;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.XMLInputFactory2;

/**
 * The one way DCI reads untrusted XML: no DTD support, no external entities, capped depth,
 * attributes and text; malformed input always fails as an {@link XMLStreamException}. Callers also refuse any DOCTYPE outright ({@link #toRoot}).
 */
public final class HardenedXml {
  private HardenedXml() {}

  public static XMLInputFactory inputs(EnvelopeLimits limits) {
    WstxInputFactory in = new WstxInputFactory();
    in.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    in.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    in.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, limits.maxDepth());
    in.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 64);
    in.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, limits.maxBytes());
    in.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L);
    // parse each token when it is reached: a malformed one then fails next() with an XMLStreamException,
    // never later from getText() as an unchecked WstxLazyException that callers do not expect
    in.setProperty(XMLInputFactory2.P_LAZY_PARSING, false);
    return in;
  }

  public static XmlMapper mapper(EnvelopeLimits limits, XMLInputFactory inputs) {
    XmlFactory factory = XmlFactory.builder()
        .xmlInputFactory(inputs)
        .xmlOutputFactory(outputs())
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(limits.maxDepth()).build())
        .build();
    // XML is a format of its own (a mapper of its own, over the hardened StAX factories): the project's
    // settings, and the module that carries a JSON payload through XML
    return Json.configure(XmlMapper.builder(factory)).addModule(XmlPayloads.module()).build();
  }

  /** Writers that refuse a name XML cannot carry (e.g. a JSON payload's "a b") instead of writing it. */
  private static WstxOutputFactory outputs() {
    WstxOutputFactory out = new WstxOutputFactory();
    out.setProperty(WstxOutputProperties.P_OUTPUT_VALIDATE_NAMES, true);
    return out;
  }

  /** Advances to the root element, refusing a DOCTYPE; checks the root's name. */
  public static void toRoot(XMLStreamReader reader, String rootName) throws XMLStreamException {
    while (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
      int event = reader.next();
      if (event == XMLStreamConstants.DTD) {
        throw new EnvelopeException("XML refused: DOCTYPE declarations are not allowed");
      }
      if (event == XMLStreamConstants.END_DOCUMENT) {
        throw new EnvelopeException("XML document has no root element");
      }
    }
    if (!rootName.equals(reader.getLocalName())) {
      throw new EnvelopeException("XML root element must be <" + rootName + ">, not <" + reader.getLocalName() + ">");
    }
  }
}
