package dci.storage.webdav;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSSerializer;

/**
 * WebDAV request bodies (PROPFIND, PROPPATCH, LOCK) parsed the hardened way: namespace aware,
 * no DOCTYPE at all (so no external entities and no entity expansion bombs), no XInclude,
 * size capped by the caller. Plus the small writing helpers the responses need.
 */
public final class DavXml {
  public static final String DAV = "DAV:";
  public static final int MAX_BODY = 1024 * 1024;

  private DavXml() {}

  /** A body the server refuses to read; answered 400. */
  public static final class BadXmlException extends RuntimeException {
    public BadXmlException(String message) {
      super(message);
    }
  }

  public static Document parse(byte[] body) {
    if (body.length > MAX_BODY) {
      throw new BadXmlException("request body larger than " + MAX_BODY + " bytes");
    }
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(new ByteArrayInputStream(body));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new BadXmlException("malformed XML body: " + e.getMessage());
    }
  }

  public static boolean is(Node n, String ns, String local) {
    return n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI());
  }

  public static List<Element> children(Node n) {
    List<Element> out = new ArrayList<>();
    for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  public static Element child(Node n, String ns, String local) {
    for (Element e : children(n)) {
      if (is(e, ns, local)) {
        return e;
      }
    }
    return null;
  }

  /** The property key of an element: {@code {namespace}local}. */
  public static String key(Element e) {
    return "{" + (e.getNamespaceURI() == null ? "" : e.getNamespaceURI()) + "}" + e.getLocalName();
  }

  /** The element serialized on its own, with the namespace declarations it needs. */
  public static String serialize(Element e) {
    DOMImplementationLS ls = (DOMImplementationLS) e.getOwnerDocument().getImplementation().getFeature("LS", "3.0");
    LSSerializer s = ls.createLSSerializer();
    s.getDomConfig().setParameter("xml-declaration", false);
    return s.writeToString(e);
  }

  /** An empty element for a property key, e.g. {@code <ns0:foo xmlns:ns0="urn:x"/>}. */
  public static String emptyElement(String key) {
    int close = key.indexOf('}');
    String ns = key.substring(1, close);
    String local = key.substring(close + 1);
    if (ns.equals(DAV)) {
      return "<D:" + local + "/>";
    }
    if (ns.isEmpty()) {
      return "<" + local + " xmlns=\"\"/>";
    }
    return "<ns0:" + local + " xmlns:ns0=\"" + escape(ns) + "\"/>";
  }

  /** Bytes of {@code s} in UTF-8. */
  public static int utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
