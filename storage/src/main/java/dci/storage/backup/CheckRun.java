package dci.storage.backup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a blade's backup on every reachable peer: that each archive the peers should hold is
 * there, and that every chunk its archives need is present, and with {@code readData} intact
 * (each peer re-reads and re-hashes its copies).
 */
public final class CheckRun {
  private static final int BATCH = 2000;

  /** One peer's findings. */
  public record PeerReport(String blade, int archives, int chunks, List<String> missingArchives,
      List<String> missingChunks, List<String> corruptChunks, String error) {}

  /** The whole check. */
  public record Result(String source, boolean readData, int archives, boolean ok, List<PeerReport> peers) {}

  private CheckRun() {}

  public static Result run(String source, boolean readData, List<PeerRef> peers, PeerClient client,
      JobProgress progress) throws IOException {
    progress.phase("reading the catalog");
    CatalogView catalog = CatalogView.gather(client, source, peers);
    Map<String, Manifest> manifests = new TreeMap<>();
    for (Archive a : catalog.archives()) {
      manifests.put(a.id(), catalog.manifest(client, a.id()));
    }
    progress.filesTotal.set(peers.size());
    progress.phase(readData ? "reading every chunk" : "checking chunks");
    List<PeerReport> reports = new ArrayList<>();
    boolean ok = !catalog.archives().isEmpty() || catalog.unreachable().isEmpty();
    for (PeerRef p : peers) {
      if (catalog.unreachable().contains(p.name())) {
        reports.add(new PeerReport(p.name(), 0, 0, List.of(), List.of(), List.of(), "unreachable"));
        ok = false;
        continue;
      }
      List<String> missingArchives = new ArrayList<>();
      Set<String> chunks = new LinkedHashSet<>();
      int held = 0;
      for (Archive a : catalog.archives()) {
        boolean holds = catalog.holders(a.id()).stream().anyMatch(h -> h.name().equals(p.name()));
        if (holds) {
          held++;
          manifests.get(a.id()).files().forEach(f -> chunks.addAll(f.chunks()));
        } else if (a.peers().contains(p.name())) {
          missingArchives.add(a.id());
        }
      }
      List<String> missing = new ArrayList<>();
      List<String> corrupt = new ArrayList<>();
      List<String> all = List.copyOf(chunks);
      String error = null;
      try {
        for (int i = 0; i < all.size(); i += BATCH) {
          List<String> part = all.subList(i, Math.min(all.size(), i + BATCH));
          if (readData) {
            PeerClient.Verified v = client.verify(p.api(), part);
            missing.addAll(v.missing());
            corrupt.addAll(v.corrupt());
          } else {
            missing.addAll(client.missing(p.api(), part));
          }
        }
      } catch (IOException e) {
        error = e.getMessage();
      }
      ok &= missingArchives.isEmpty() && missing.isEmpty() && corrupt.isEmpty() && error == null;
      reports.add(new PeerReport(p.name(), held, all.size(), missingArchives, missing, corrupt, error));
      progress.filesDone.incrementAndGet();
    }
    progress.phase("done");
    return new Result(source, readData, catalog.archives().size(), ok, reports);
  }
}
