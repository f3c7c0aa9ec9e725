package dci.storage.webdav;

import dci.storage.vnas.VnasEntry;
import dci.storage.vnas.VnasLock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Properties: the live ones computed from the index entry and the locks, the dead ones
 * stored with the entry as the client's own XML; PROPFIND answers and PROPPATCH requests.
 */
public final class DavProps {
  private static final List<String> LIVE = List.of("resourcetype", "getcontentlength", "getlastmodified",
      "creationdate", "getetag", "getcontenttype", "displayname", "supportedlock", "lockdiscovery");

  /** Most bytes of one dead property's XML: dead properties live in the index, on every blade. */
  public static final int MAX_PROPERTY = 4096;
  /** Most bytes of all the dead properties of one file or collection together. */
  public static final int MAX_PROPERTIES = 64 * 1024;

  private DavProps() {}

  /** What a PROPFIND asks for. */
  public record Request(boolean propname, boolean allprop, List<String> keys) {}

  public static Request parsePropfind(byte[] body) {
    if (body.length == 0) {
      return new Request(false, true, List.of());
    }
    Document d = DavXml.parse(body);
    Element root = d.getDocumentElement();
    if (!DavXml.is(root, DavXml.DAV, "propfind")) {
      throw new DavXml.BadXmlException("expected a DAV:propfind body");
    }
    if (DavXml.child(root, DavXml.DAV, "propname") != null) {
      return new Request(true, false, List.of());
    }
    Element prop = DavXml.child(root, DavXml.DAV, "prop");
    if (prop != null) {
      return new Request(false, false, DavXml.children(prop).stream().map(DavXml::key).toList());
    }
    return new Request(false, true, List.of());
  }

  /** The live properties of an entry, as XML fragments keyed {@code {DAV:}name}. */
  static Map<String, String> live(VnasEntry e, List<VnasLock> locks, String name) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("{DAV:}resourcetype", e.collection() ? "<D:resourcetype><D:collection/></D:resourcetype>"
        : "<D:resourcetype/>");
    if (!e.collection()) {
      m.put("{DAV:}getcontentlength", "<D:getcontentlength>" + e.size() + "</D:getcontentlength>");
      m.put("{DAV:}getcontenttype", "<D:getcontenttype>" + DavXml.escape(
          e.contentType() == null ? "application/octet-stream" : e.contentType()) + "</D:getcontenttype>");
    }
    m.put("{DAV:}getlastmodified", "<D:getlastmodified>" + DavHref.httpDate(e.modified()) + "</D:getlastmodified>");
    m.put("{DAV:}creationdate", "<D:creationdate>" + DavHref.isoDate(e.created()) + "</D:creationdate>");
    m.put("{DAV:}getetag", "<D:getetag>" + DavXml.escape(e.etag()) + "</D:getetag>");
    m.put("{DAV:}displayname", "<D:displayname>" + DavXml.escape(name) + "</D:displayname>");
    m.put("{DAV:}supportedlock", "<D:supportedlock>"
        + "<D:lockentry><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>"
        + "<D:lockentry><D:lockscope><D:shared/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>"
        + "</D:supportedlock>");
    StringBuilder ld = new StringBuilder("<D:lockdiscovery>");
    locks.forEach(l -> ld.append(activeLock(l)));
    m.put("{DAV:}lockdiscovery", ld.append("</D:lockdiscovery>").toString());
    return m;
  }

  static String activeLock(VnasLock l) {
    long left = Math.max(0, (l.expires() - System.currentTimeMillis()) / 1000);
    return "<D:activelock><D:locktype><D:write/></D:locktype><D:lockscope>"
        + (l.exclusive() ? "<D:exclusive/>" : "<D:shared/>") + "</D:lockscope>"
        + "<D:depth>" + (l.infinite() ? "infinity" : "0") + "</D:depth>"
        + (l.owner() == null ? "" : l.owner())
        + "<D:timeout>Second-" + left + "</D:timeout>"
        + "<D:locktoken><D:href>" + DavXml.escape(l.token()) + "</D:href></D:locktoken>"
        + "<D:lockroot><D:href>" + DavXml.escape(DavHref.of(dci.storage.vnas.VnasPath.parse(l.root()), false))
        + "</D:href></D:lockroot></D:activelock>";
  }

  /** One {@code <D:response>} of a PROPFIND multistatus. */
  static String response(String href, VnasEntry e, List<VnasLock> locks, Request req) {
    Map<String, String> live = live(e, locks, e.vnasPath().name());
    StringBuilder ok = new StringBuilder();
    StringBuilder missing = new StringBuilder();
    if (req.propname()) {
      live.keySet().forEach(k -> ok.append(DavXml.emptyElement(k)));
      e.props().keySet().forEach(k -> ok.append(DavXml.emptyElement(k)));
    } else if (req.allprop()) {
      live.values().forEach(ok::append);
      e.props().values().forEach(ok::append);
    } else {
      for (String k : req.keys()) {
        String v = live.containsKey(k) ? live.get(k) : e.props().get(k);
        (v != null ? ok : missing).append(v != null ? v : DavXml.emptyElement(k));
      }
    }
    StringBuilder b = new StringBuilder("<D:response><D:href>").append(DavXml.escape(href)).append("</D:href>");
    if (ok.length() > 0 || missing.length() == 0) {
      b.append("<D:propstat><D:prop>").append(ok).append("</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>");
    }
    if (missing.length() > 0) {
      b.append("<D:propstat><D:prop>").append(missing)
          .append("</D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>");
    }
    return b.append("</D:response>").toString();
  }

  /** One instruction of a PROPPATCH: set (with the element's XML) or remove. */
  public record Change(String key, String xml) {
    boolean remove() {
      return xml == null;
    }
  }

  public static List<Change> parsePropertyUpdate(byte[] body) {
    Document d = DavXml.parse(body);
    Element root = d.getDocumentElement();
    if (!DavXml.is(root, DavXml.DAV, "propertyupdate")) {
      throw new DavXml.BadXmlException("expected a DAV:propertyupdate body");
    }
    List<Change> out = new ArrayList<>();
    for (Element op : DavXml.children(root)) {
      boolean set = DavXml.is(op, DavXml.DAV, "set");
      if (!set && !DavXml.is(op, DavXml.DAV, "remove")) {
        continue;
      }
      Element prop = DavXml.child(op, DavXml.DAV, "prop");
      if (prop == null) {
        throw new DavXml.BadXmlException("a set or remove without DAV:prop");
      }
      for (Element p : DavXml.children(prop)) {
        out.add(new Change(DavXml.key(p), set ? DavXml.serialize(p) : null));
      }
    }
    return out;
  }

  /** A PROPPATCH instruction refused: its status, and why. */
  record Refusal(String key, int status, String reason) {}

  /**
   * The instructions of a PROPPATCH to refuse: those on live properties (403), values over
   * {@link #MAX_PROPERTY} bytes (507), or, when all else holds, the values set if the
   * resource's dead properties would then pass {@link #MAX_PROPERTIES} (507). {@code after}:
   * the dead properties as the instructions would leave them.
   */
  static List<Refusal> refusals(List<Change> changes, Map<String, String> after) {
    List<Refusal> out = new ArrayList<>();
    for (Change c : changes) {
      if (isProtected(c.key())) {
        out.add(new Refusal(c.key(), 403, "a live property cannot be set or removed"));
      } else if (!c.remove() && DavXml.utf8Length(c.xml()) > MAX_PROPERTY) {
        out.add(new Refusal(c.key(), 507, "a dead property may hold at most " + MAX_PROPERTY
            + " bytes of XML; this one has " + DavXml.utf8Length(c.xml())));
      }
    }
    long total = after.values().stream().mapToLong(DavXml::utf8Length).sum();
    if (out.isEmpty() && total > MAX_PROPERTIES) {
      changes.stream().filter(c -> !c.remove()).forEach(c -> out.add(new Refusal(c.key(), 507,
          "the dead properties of one resource may hold at most " + MAX_PROPERTIES + " bytes together; these"
              + " would make " + total)));
    }
    return out;
  }

  /** The multistatus body of a refused PROPPATCH: the refused instructions' status, 424 for the rest. */
  static String refused(String href, List<Change> changes, List<Refusal> refused) {
    StringBuilder b = new StringBuilder("<D:response><D:href>").append(DavXml.escape(href)).append("</D:href>");
    for (Change c : changes) {
      Refusal r = refused.stream().filter(x -> x.key().equals(c.key())).findFirst().orElse(null);
      b.append("<D:propstat><D:prop>").append(DavXml.emptyElement(c.key())).append("</D:prop><D:status>")
          .append(r == null ? "HTTP/1.1 424 Failed Dependency" : r.status() == 403 ? "HTTP/1.1 403 Forbidden"
              : "HTTP/1.1 507 Insufficient Storage")
          .append("</D:status>");
      if (r != null) {
        b.append("<D:responsedescription>").append(DavXml.escape(r.reason())).append("</D:responsedescription>");
      }
      b.append("</D:propstat>");
    }
    return b.append("</D:response>").toString();
  }

  /** True for the properties the server computes (they cannot be set or removed). */
  static boolean isProtected(String key) {
    return key.startsWith("{DAV:}") && LIVE.contains(key.substring(6));
  }
}
