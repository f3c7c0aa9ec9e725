package dci.storage.vnas;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of the location index: a file or a collection of the volume.
 *
 * @param path canonical path ({@link VnasPath#toString()})
 * @param collection true for a directory (WebDAV collection)
 * @param size bytes of the file (0 for a collection)
 * @param created when the path was first made, epoch milliseconds
 * @param modified last change of the content, epoch milliseconds
 * @param version grows by one with every write of the content
 * @param contentType media type given at upload, or null
 * @param stripes the file's stripes in order
 * @param props WebDAV dead properties: {@code {namespace}name} to the value as XML text
 */
public record VnasEntry(
    String path,
    boolean collection,
    long size,
    long created,
    long modified,
    long version,
    String contentType,
    List<StripeRef> stripes,
    Map<String, String> props)
    implements dci.protocol.DciSerializable {

  public VnasEntry {
    stripes = stripes == null ? List.of() : List.copyOf(stripes);
    props = props == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(props));
  }

  public static VnasEntry collection(VnasPath path, long now) {
    return new VnasEntry(path.toString(), true, 0, now, now, 1, null, List.of(), Map.of());
  }

  public VnasPath vnasPath() {
    return VnasPath.parse(path);
  }

  /** A strong entity tag: changes with every write. */
  public String etag() {
    return "\"" + Long.toHexString(created) + "-" + version + "-" + Long.toHexString(size) + "\"";
  }

  public VnasEntry withProps(Map<String, String> p) {
    return new VnasEntry(path, collection, size, created, modified, version, contentType, stripes, p);
  }

  /** The same entry placed at another path (COPY and MOVE). */
  public VnasEntry at(VnasPath to, boolean keepCreated, long now) {
    return new VnasEntry(to.toString(), collection, size, keepCreated ? created : now, modified,
        version, contentType, stripes, props);
  }
}
