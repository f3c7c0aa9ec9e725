package dci.protocol.pkg;

import dci.protocol.auth.Names;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Walks a StAX reader element by element for {@link ManifestParser}, remembering where it is
 * so that every error names the element (with its position among its siblings) and the line.
 * Each element reader consumes its element up to and including its end tag; {@link #leave}
 * then pops it.
 */
final class XmlCursor {
  private final XMLStreamReader r;
  private final Deque<String> names = new ArrayDeque<>();
  private final Deque<int[]> children = new ArrayDeque<>();

  XmlCursor(XMLStreamReader reader) {
    this.r = reader;
    names.push(reader.getLocalName());
    children.push(new int[1]);
  }

  /** Moves to the next child element (true) or past the current element's end tag (false). */
  boolean nextChild() throws XMLStreamException {
    while (true) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          int index = ++children.peek()[0];
          names.push(r.getLocalName() + "#" + index);
          children.push(new int[1]);
          return true;
        }
        case XMLStreamConstants.END_ELEMENT -> {
          return false;
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
          if (!r.isWhiteSpace()) {
            throw error("text '" + Names.printable(r.getText().strip()) + "' not allowed here");
          }
        }
        case XMLStreamConstants.END_DOCUMENT -> throw error("document ends inside an element");
        default -> {
          // comments, processing instructions and ignorable space carry nothing
        }
      }
    }
  }

  /** Pops the element the last {@link #nextChild} entered, once it has been read. */
  void leave() {
    names.pop();
    children.pop();
  }

  /** The element's attributes; refuses any not in {@code allowed}. */
  Map<String, String> attributes(String... allowed) {
    Set<String> ok = Set.of(allowed);
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < r.getAttributeCount(); i++) {
      String name = r.getAttributeLocalName(i);
      String ns = r.getAttributeNamespace(i);
      if ((ns != null && !ns.isEmpty()) || !ok.contains(name)) {
        throw error("unknown attribute '" + Names.printable(name) + "'"
            + (ok.isEmpty() ? "" : ": expected " + String.join(", ", allowed)));
      }
      out.put(name, r.getAttributeValue(i));
    }
    return out;
  }

  /** Consumes an element that must be empty of elements and text. */
  void noChildren() throws XMLStreamException {
    if (nextChild()) {
      throw error("element not allowed here");
    }
  }

  /** The text of an element that holds only text, consuming its end tag. */
  String text() throws XMLStreamException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
            sb.append(r.getText());
        case XMLStreamConstants.START_ELEMENT ->
            throw error("element <" + r.getLocalName() + "> not allowed: this element holds text only");
        case XMLStreamConstants.END_ELEMENT -> {
          return sb.toString();
        }
        case XMLStreamConstants.END_DOCUMENT -> throw error("document ends inside an element");
        default -> {
          // comments and processing instructions carry nothing
        }
      }
    }
  }

  /** A whole-number attribute of at most {@code max}; absent gives 0 unless {@code required}. */
  long number(Map<String, String> attributes, String name, boolean required, long max) {
    String v = attributes.get(name);
    if (v == null) {
      if (required) {
        throw error("attribute '" + name + "' missing");
      }
      return 0;
    }
    try {
      long n = Long.parseLong(v.strip());
      if (n < 0 || n > max) {
        throw error("attribute " + name + "='" + Names.printable(v) + "' out of range");
      }
      return n;
    } catch (NumberFormatException e) {
      throw error("attribute " + name + "='" + Names.printable(v) + "' is not a whole number");
    }
  }

  /** Builds a value, naming this element in any refusal. */
  <T> T check(Supplier<T> build) {
    try {
      return build.get();
    } catch (PackageException e) {
      throw error(e.getMessage());
    }
  }

  PackageException error(String message) {
    return new PackageException(where() + ": " + message);
  }

  /** e.g. {@code manifest.xml line 12, <manifest>/<install>/<run> #3}. */
  String where() {
    StringBuilder path = new StringBuilder();
    Iterator<String> it = names.descendingIterator();
    String last = "";
    while (it.hasNext()) {
      String n = it.next();
      int hash = n.indexOf('#');
      path.append(path.length() == 0 ? "" : "/").append('<').append(hash < 0 ? n : n.substring(0, hash)).append('>');
      last = hash < 0 ? "" : " #" + n.substring(hash + 1);
    }
    int line = r.getLocation() == null ? -1 : r.getLocation().getLineNumber();
    return "manifest.xml" + (line > 0 ? " line " + line : "") + ", " + path + last;
  }
}
