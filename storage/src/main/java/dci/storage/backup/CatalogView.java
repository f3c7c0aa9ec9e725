package dci.storage.backup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A source blade's catalog as the reachable peers hold it together: every archive any of them
 * holds (the newest revision of each), which peers hold it, and what was forgotten.
 */
public final class CatalogView {
  private final String source;
  private final Map<String, Archive> archives = new LinkedHashMap<>();
  private final Map<String, List<PeerRef>> holders = new HashMap<>();
  private final Set<String> forgotten = new HashSet<>();
  private final List<String> unreachable = new ArrayList<>();

  private CatalogView(String source) {
    this.source = source;
  }

  /** Asks each of {@code peers} for its catalog of {@code source}; unreachable peers are noted. */
  public static CatalogView gather(PeerClient client, String source, List<PeerRef> peers) {
    CatalogView v = new CatalogView(source);
    for (PeerRef p : peers) {
      PeerClient.Catalog c;
      try {
        c = client.catalog(p.api(), source);
      } catch (IOException | RuntimeException e) {
        v.unreachable.add(p.name());
        continue;
      }
      v.forgotten.addAll(c.forgotten());
      for (Archive a : c.archives()) {
        Archive known = v.archives.get(a.id());
        if (known == null || a.revision() > known.revision()) {
          v.archives.put(a.id(), a);
          if (known != null) {
            v.holders.get(a.id()).clear();
          }
        }
        if (v.archives.get(a.id()).revision() == a.revision()) {
          v.holders.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(p);
        }
      }
    }
    v.forgotten.forEach(id -> {
      v.archives.remove(id);
      v.holders.remove(id);
    });
    return v;
  }

  public String source() {
    return source;
  }

  /** Archives oldest first. */
  public List<Archive> archives() {
    List<Archive> out = new ArrayList<>(archives.values());
    out.sort(Comparator.comparing(Archive::time).thenComparing(Archive::id));
    return out;
  }

  public Archive archive(String id) {
    return archives.get(id);
  }

  public List<PeerRef> holders(String id) {
    return holders.getOrDefault(id, List.of());
  }

  public Set<String> forgotten() {
    return forgotten;
  }

  public List<String> unreachable() {
    return unreachable;
  }

  /** The archive's manifest from the first holder that gives it. */
  public Manifest manifest(PeerClient client, String id) throws IOException {
    IOException last = null;
    for (PeerRef p : holders(id)) {
      try {
        Manifest m = client.manifest(p.api(), source, id);
        if (m != null) {
          return m;
        }
      } catch (IOException e) {
        last = e;
      }
    }
    throw new IOException("no reachable peer holds archive " + id + " of " + source
        + (last == null ? "" : ": " + last.getMessage()));
  }
}
