package dci.protocol.pkg;

import com.ctc.wstx.stax.WstxOutputFactory;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes a manifest as indented XML in the schema {@link ManifestParser} reads. */
final class ManifestPrinter {
  private static final XMLOutputFactory OUTPUTS = new WstxOutputFactory();

  private final XMLStreamWriter w;
  private int depth;

  ManifestPrinter(OutputStream out) throws XMLStreamException {
    this.w = OUTPUTS.createXMLStreamWriter(out, "UTF-8");
  }

  void manifest(Manifest m) throws XMLStreamException {
    w.writeStartDocument("UTF-8", "1.0");
    w.writeCharacters("\n");
    w.writeStartElement("manifest");
    w.writeAttribute("format", "1");
    depth++;
    textElement("name", m.name());
    textElement("version", m.version().toString());
    if (!m.description().isEmpty()) {
      textElement("description", m.description());
    }
    if (!m.dependencies().isEmpty()) {
      open("dependencies");
      for (Dependency d : m.dependencies()) {
        empty("dependency");
        w.writeAttribute("name", d.name());
        if (d.minVersion() != null) {
          w.writeAttribute("min-version", d.minVersion().toString());
        }
      }
      close();
    }
    if (!m.files().isEmpty()) {
      open("files");
      for (PayloadFile f : m.files()) {
        empty("file");
        w.writeAttribute("path", f.path());
        w.writeAttribute("size", Long.toString(f.size()));
        w.writeAttribute("sha256", f.sha256());
      }
      close();
    }
    if (m.peerlet() != null) {
      empty("peerlet");
      w.writeAttribute("app-type", m.peerlet().appType());
      w.writeAttribute("main-class", m.peerlet().mainClass());
      w.writeAttribute("jar", m.peerlet().jar());
    }
    steps("install", m.install());
    steps("upgrade", m.upgrade());
    steps("uninstall", m.uninstall());
    depth--;
    indent();
    w.writeEndElement();
    w.writeCharacters("\n");
    w.writeEndDocument();
    w.flush();
    w.close();
  }

  private void steps(String list, List<Step> steps) throws XMLStreamException {
    if (steps.isEmpty()) {
      return;
    }
    open(list);
    for (Step s : steps) {
      step(s);
    }
    close();
  }

  private void step(Step s) throws XMLStreamException {
    if (s instanceof CopyStep c) {
      empty("copy");
      w.writeAttribute("from", c.from());
      if (!c.to().equals(c.from())) {
        w.writeAttribute("to", c.to());
      }
    } else if (s instanceof ExtractStep e) {
      empty("extract");
      w.writeAttribute("from", e.from());
      w.writeAttribute("to", e.to());
      if (e.strip() > 0) {
        w.writeAttribute("strip", Integer.toString(e.strip()));
      }
    } else if (s instanceof ModeStep m) {
      empty("mode");
      w.writeAttribute("path", m.path());
      w.writeAttribute("mode", m.modeText());
    } else if (s instanceof RunStep r) {
      command("run", null, r.command(), r.timeoutSeconds());
    } else if (s instanceof VerifyStep v) {
      command("verify", null, v.command(), v.timeoutSeconds());
    } else if (s instanceof ServiceStep svc) {
      command("service", svc.name(), svc.command(), 0);
    }
  }

  private void command(String kind, String service, Invocation c, int timeout) throws XMLStreamException {
    boolean leaf = c.args().isEmpty() && c.env().isEmpty();
    if (leaf) {
      empty(kind);
    } else {
      open(kind);
    }
    if (service != null) {
      w.writeAttribute("name", service);
    }
    w.writeAttribute("program", c.program());
    if (timeout > 0) {
      w.writeAttribute("timeout", Integer.toString(timeout));
    }
    if (!c.dir().equals(".")) {
      w.writeAttribute("dir", c.dir());
    }
    for (String a : c.args()) {
      textElement("arg", a);
    }
    for (Map.Entry<String, String> e : c.env().entrySet()) {
      indent();
      w.writeStartElement("env");
      w.writeAttribute("name", e.getKey());
      w.writeCharacters(e.getValue());
      w.writeEndElement();
    }
    if (!leaf) {
      close();
    }
  }

  private void textElement(String name, String text) throws XMLStreamException {
    indent();
    w.writeStartElement(name);
    w.writeCharacters(text);
    w.writeEndElement();
  }

  private void open(String name) throws XMLStreamException {
    indent();
    w.writeStartElement(name);
    depth++;
  }

  private void close() throws XMLStreamException {
    depth--;
    indent();
    w.writeEndElement();
  }

  private void empty(String name) throws XMLStreamException {
    indent();
    w.writeEmptyElement(name);
  }

  private void indent() throws XMLStreamException {
    w.writeCharacters("\n" + "  ".repeat(depth));
  }
}
