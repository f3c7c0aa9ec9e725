package dci.storage.backup;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a blade's aging policy: archives the policy does not keep are forgotten on every
 * reachable peer, after their entries are folded into the kept archive that follows them (so
 * a restore up to any kept archive gives what it gave before); then each peer collects the
 * chunks no archive it holds needs any more.
 */
public final class ForgetRun {
  /** What aging did. */
  public record Result(String source, List<String> kept, List<String> forgotten, long chunksRemoved,
      long bytesFreed, boolean dryRun) {}

  private ForgetRun() {}

  public static Result run(String source, Aging aging, boolean dryRun, List<PeerRef> peers, PeerClient client,
      ZoneId zone, JobProgress progress) throws IOException {
    progress.phase("reading the catalog");
    CatalogView catalog = CatalogView.gather(client, source, peers);
    List<Archive> history = catalog.archives();
    Set<String> keep = Retention.keep(history, aging, zone);
    List<String> forgotten = history.stream().map(Archive::id).filter(id -> !keep.contains(id)).toList();
    List<String> kept = history.stream().map(Archive::id).filter(keep::contains).toList();
    if (dryRun || forgotten.isEmpty()) {
      return new Result(source, kept, forgotten, 0, 0, dryRun);
    }
    progress.phase("folding forgotten archives into kept ones");
    List<Manifest> pending = new ArrayList<>();
    String previousKept = null;
    for (Archive a : history) {
      Manifest m = catalog.manifest(client, a.id());
      if (!keep.contains(a.id())) {
        pending.add(m);
        continue;
      }
      if (!pending.isEmpty() || !java.util.Objects.equals(a.parent(), previousKept)) {
        List<ArchiveFile> files = TreeView.merge(pending, m);
        int deleted = (int) files.stream().filter(ArchiveFile::deleted).count();
        Archive folded = a.withContent(files.size() - deleted,
            files.stream().filter(f -> !f.deleted()).mapToLong(ArchiveFile::size).sum(), deleted, previousKept);
        Manifest next = new Manifest(folded, files);
        for (PeerRef p : holdersOrAll(catalog, a.id(), peers)) {
          client.putManifest(p.api(), next);
        }
      }
      pending.clear();
      previousKept = a.id();
    }
    progress.phase("forgetting");
    Set<PeerRef> reachable = new LinkedHashSet<>();
    peers.stream().filter(p -> !catalog.unreachable().contains(p.name())).forEach(reachable::add);
    for (PeerRef p : reachable) {
      for (String id : forgotten) {
        client.forget(p.api(), source, id);
      }
    }
    progress.phase("collecting unreferenced chunks");
    long chunks = 0;
    long bytes = 0;
    for (PeerRef p : reachable) {
      PackStore.Collected c = client.collect(p.api());
      chunks += c.chunks();
      bytes += c.bytes();
    }
    progress.phase("done");
    return new Result(source, kept, forgotten, chunks, bytes, false);
  }

  private static List<PeerRef> holdersOrAll(CatalogView catalog, String id, List<PeerRef> peers) {
    List<PeerRef> h = catalog.holders(id);
    return h.isEmpty() ? peers : h;
  }
}
