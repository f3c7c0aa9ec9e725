package dci.storage.webdav;

import org.w3c.dom.Element;

/**
 * What a LOCK body ({@code DAV:lockinfo}) asks for: the scope, and the owner as the client's own
 * XML (kept with the lock and shown in lock discovery).
 *
 * @param exclusive false only for a {@code DAV:shared} scope
 * @param ownerXml the {@code DAV:owner} element serialized, or null when there is none
 */
public record LockRequest(boolean exclusive, String ownerXml) {

  /** Reads a non-empty LOCK body; refuses anything else with a {@link DavXml.BadXmlException}. */
  public static LockRequest parse(byte[] body) {
    var doc = DavXml.parse(body);
    Element info = doc.getDocumentElement();
    if (!DavXml.is(info, DavXml.DAV, "lockinfo")) {
      throw new DavXml.BadXmlException("expected a DAV:lockinfo body");
    }
    Element scope = DavXml.child(info, DavXml.DAV, "lockscope");
    boolean exclusive = scope == null || DavXml.child(scope, DavXml.DAV, "shared") == null;
    Element owner = DavXml.child(info, DavXml.DAV, "owner");
    return new LockRequest(exclusive, owner == null ? null : DavXml.serialize(owner));
  }
}
