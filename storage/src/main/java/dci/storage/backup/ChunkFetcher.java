package dci.storage.backup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fetches chunks from the peers holding them, several per request, checking each against its
 * hash: a chunk missing or corrupt on one peer is taken from the next.
 */
final class ChunkFetcher {
  private final PeerClient client;
  private final List<PeerRef> holders;
  private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());

  ChunkFetcher(PeerClient client, List<PeerRef> holders) {
    this.client = client;
    this.holders = holders;
  }

  /** The plain bytes of every chunk in {@code hashes}; fails if some peer has none intact. */
  Map<String, byte[]> fetch(Set<String> hashes) throws IOException {
    return fetch(hashes, null);
  }

  /** As {@link #fetch(Set)}, not asking {@code skip} (a peer known to lack them; null: none). */
  Map<String, byte[]> fetch(Set<String> hashes, String skip) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    Set<String> wanted = new LinkedHashSet<>(hashes);
    for (PeerRef p : holders) {
      if (wanted.isEmpty()) {
        break;
      }
      if (p.name().equals(skip)) {
        continue;
      }
      List<ChunkRecord> got;
      try {
        got = client.fetch(p.api(), List.copyOf(wanted));
      } catch (IOException | RuntimeException e) {
        problems.add(p.name() + ": " + e.getMessage());
        continue;
      }
      for (ChunkRecord r : got) {
        if (!wanted.contains(r.hash())) {
          continue;
        }
        try {
          out.put(r.hash(), r.plain());
          wanted.remove(r.hash());
        } catch (CorruptChunkException e) {
          problems.add(p.name() + ": " + e.getMessage());
        }
      }
    }
    if (!wanted.isEmpty()) {
      throw new BackupException(wanted.size() + " chunk(s) are on no reachable peer intact (first "
          + wanted.iterator().next().substring(0, 12) + ")" + (problems.isEmpty() ? "" : "; " + problems));
    }
    return out;
  }

  /**
   * The chunks of {@code order} (each named once) in that order, streamed as they are used;
   * {@code sizes} gives each one's expected size, to keep the groups of a fallback small.
   */
  ChunkSequence sequence(List<String> order, java.util.function.ToLongFunction<String> sizes) {
    return new ChunkSequence(this, client, holders, order, sizes);
  }

  /** What went wrong on the way (corrupt or missing chunks, peers that failed), for the report. */
  List<String> problems() {
    return problems;
  }
}
