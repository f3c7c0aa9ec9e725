package dci.storage.backup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Peersync: a peer that missed archives while it was away compares its catalog of a source
 * with the other peers', pulls the archives it lacks (or holds an older revision of) with the
 * chunks they need from the blades holding them, and drops what was forgotten meanwhile,
 * until its catalog matches theirs.
 */
public final class PeerSync {
  private static final int BATCH = 256;

  /** What one pass brought. */
  public record Result(String source, int archivesPulled, int chunksPulled, int forgotten) {}

  private PeerSync() {}

  public static Result sync(String source, List<PeerRef> others, PeerClient client, PackStore packs,
      CatalogStore catalogs) throws IOException {
    CatalogView view = CatalogView.gather(client, source, others);
    Map<String, Archive> local = new HashMap<>();
    catalogs.list(source).forEach(a -> local.put(a.id(), a));
    int forgotten = 0;
    for (String id : view.forgotten()) {
      if (local.remove(id) != null || !catalogs.forgotten(source).contains(id)) {
        catalogs.forget(source, id);
        forgotten++;
      }
    }
    int archives = 0;
    int chunks = 0;
    for (Archive a : view.archives()) {
      Archive mine = local.get(a.id());
      if (mine != null && mine.revision() >= a.revision()) {
        continue;
      }
      Manifest m = view.manifest(client, a.id());
      Set<String> needed = new LinkedHashSet<>();
      m.files().forEach(f -> needed.addAll(f.chunks()));
      List<String> lacking = packs.missing(needed);
      for (int i = 0; i < lacking.size(); i += BATCH) {
        chunks += pull(lacking.subList(i, Math.min(lacking.size(), i + BATCH)), view.holders(a.id()), client, packs);
      }
      catalogs.put(m);
      archives++;
    }
    return new Result(source, archives, chunks, forgotten);
  }

  private static int pull(List<String> hashes, List<PeerRef> holders, PeerClient client, PackStore packs)
      throws IOException {
    Set<String> wanted = new LinkedHashSet<>(hashes);
    List<ChunkRecord> good = new ArrayList<>();
    for (PeerRef p : holders) {
      if (wanted.isEmpty()) {
        break;
      }
      try {
        for (ChunkRecord r : client.fetch(p.api(), List.copyOf(wanted))) {
          if (wanted.contains(r.hash())) {
            r.plain();
            good.add(r);
            wanted.remove(r.hash());
          }
        }
      } catch (IOException | CorruptChunkException e) {
        // the next holder may have it intact
      }
    }
    if (!wanted.isEmpty()) {
      throw new IOException(wanted.size() + " chunk(s) are on no reachable peer intact");
    }
    packs.store(good, 0);
    return good.size();
  }
}
