package dci.protocol.pkg;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads one {@code <manifest>} element from a hardened StAX reader; see {@link ManifestXml}. */
final class ManifestParser {
  private final XMLStreamReader r;
  private final XmlCursor at;

  ManifestParser(XMLStreamReader reader) {
    this.r = reader;
    this.at = new XmlCursor(reader);
  }

  Manifest manifest() throws XMLStreamException {
    Map<String, String> a = at.attributes("format");
    String format = a.get("format");
    if (format != null && !format.equals("1")) {
      throw at.error("unsupported manifest format '" + format + "': this blade reads format 1");
    }
    String name = null;
    String version = null;
    String description = null;
    List<Dependency> deps = List.of();
    List<PayloadFile> files = List.of();
    PackagedPeerlet peerlet = null;
    List<Step> install = List.of();
    List<Step> upgrade = List.of();
    List<Step> uninstall = List.of();
    Set<String> seen = new HashSet<>();
    while (at.nextChild()) {
      String el = r.getLocalName();
      if (!seen.add(el)) {
        throw at.error("<" + el + "> appears twice");
      }
      switch (el) {
        case "name" -> name = at.text().strip();
        case "version" -> version = at.text().strip();
        case "description" -> description = at.text();
        case "dependencies" -> deps = list("dependency", this::dependency);
        case "files" -> files = list("file", this::file);
        case "peerlet" -> peerlet = peerlet();
        case "install" -> install = steps();
        case "upgrade" -> upgrade = steps();
        case "uninstall" -> uninstall = steps();
        default -> throw at.error("unknown element <" + el + ">");
      }
      at.leave();
    }
    if (name == null || version == null) {
      throw at.error("<manifest> needs <name> and <version>");
    }
    String n = name;
    String v = version;
    String d = description;
    List<Dependency> dd = deps;
    List<PayloadFile> ff = files;
    PackagedPeerlet p = peerlet;
    List<Step> i = install;
    List<Step> u = upgrade;
    List<Step> un = uninstall;
    return at.check(() -> new Manifest(n, PackageVersion.parse(v), d, dd, ff, p, i, u, un));
  }

  private interface Item<T> {
    T read() throws XMLStreamException;
  }

  private <T> List<T> list(String item, Item<T> reader) throws XMLStreamException {
    at.attributes();
    List<T> out = new ArrayList<>();
    while (at.nextChild()) {
      if (!item.equals(r.getLocalName())) {
        throw at.error("unknown element <" + r.getLocalName() + ">: expected <" + item + ">");
      }
      out.add(reader.read());
      at.leave();
    }
    return out;
  }

  private Dependency dependency() throws XMLStreamException {
    Map<String, String> a = at.attributes("name", "min-version");
    at.noChildren();
    String min = a.get("min-version");
    return at.check(() -> new Dependency(a.get("name"), min == null ? null : PackageVersion.parse(min)));
  }

  private PayloadFile file() throws XMLStreamException {
    Map<String, String> a = at.attributes("path", "size", "sha256");
    at.noChildren();
    long size = at.number(a, "size", true, Long.MAX_VALUE);
    return at.check(() -> new PayloadFile(a.get("path"), size, a.get("sha256")));
  }

  private PackagedPeerlet peerlet() throws XMLStreamException {
    Map<String, String> a = at.attributes("app-type", "main-class", "jar");
    at.noChildren();
    return at.check(() -> new PackagedPeerlet(a.get("app-type"), a.get("main-class"), a.get("jar")));
  }

  private List<Step> steps() throws XMLStreamException {
    at.attributes();
    List<Step> out = new ArrayList<>();
    while (at.nextChild()) {
      out.add(step(r.getLocalName()));
      at.leave();
    }
    return out;
  }

  private Step step(String kind) throws XMLStreamException {
    switch (kind) {
      case "copy" -> {
        Map<String, String> a = at.attributes("from", "to");
        at.noChildren();
        return at.check(() -> new CopyStep(a.get("from"), a.get("to")));
      }
      case "extract" -> {
        Map<String, String> a = at.attributes("from", "to", "strip");
        at.noChildren();
        int strip = (int) at.number(a, "strip", false, 16);
        return at.check(() -> new ExtractStep(a.get("from"), a.get("to"), strip));
      }
      case "mode" -> {
        Map<String, String> a = at.attributes("path", "mode");
        at.noChildren();
        return at.check(() -> new ModeStep(a.get("path"), ModeStep.parseMode(a.get("mode"))));
      }
      case "run", "verify" -> {
        Map<String, String> a = at.attributes("program", "timeout", "dir");
        int timeout = (int) at.number(a, "timeout", false, Step.MAX_TIMEOUT_SECONDS);
        Invocation command = invocation(a);
        return at.check(() -> kind.equals("run") ? new RunStep(command, timeout) : new VerifyStep(command, timeout));
      }
      case "service" -> {
        Map<String, String> a = at.attributes("name", "program", "dir");
        Invocation command = invocation(a);
        return at.check(() -> new ServiceStep(a.get("name"), command));
      }
      default -> throw at.error("unknown step <" + kind + ">: expected copy, extract, mode, run, service or verify");
    }
  }

  /** The {@code <arg>} and {@code <env>} children of a command step, with its attributes. */
  private Invocation invocation(Map<String, String> a) throws XMLStreamException {
    List<String> args = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    while (at.nextChild()) {
      switch (r.getLocalName()) {
        case "arg" -> {
          at.attributes();
          args.add(at.text());
        }
        case "env" -> {
          String name = at.attributes("name").get("name");
          if (name == null) {
            throw at.error("<env> needs a name attribute");
          }
          if (env.put(name, at.text()) != null) {
            throw at.error("environment variable " + name + " set twice");
          }
        }
        default -> throw at.error("unknown element <" + r.getLocalName() + ">: expected <arg> or <env>");
      }
      at.leave();
    }
    if (a.get("program") == null) {
      throw at.error("needs a program attribute");
    }
    return at.check(() -> new Invocation(a.get("program"), args, env, a.get("dir")));
  }
}
