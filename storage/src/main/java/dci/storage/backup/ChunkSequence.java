package dci.storage.backup;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plain bytes of a list of chunks, handed out one after another in the list's order while
 * they are streamed from one peer in a single request (a restore writes as they arrive, never
 * waiting for a whole group). A chunk that peer lacks or sends damaged comes from the other
 * holders; if its stream breaks, the rest come from them a group at a time. Not thread-safe.
 */
final class ChunkSequence implements AutoCloseable {
  private static final int GROUP = 64;

  private final ChunkFetcher fetcher;
  private final List<String> order;
  private final Map<String, byte[]> fetched = new HashMap<>();
  private int next;
  private String peer;
  private PeerClient.ChunkStream stream;
  /** A record read past the chunk wanted (the peer lacked that one): a later chunk's. */
  private ChunkRecord ahead;

  /** {@code order} names each chunk once. */
  ChunkSequence(ChunkFetcher fetcher, PeerClient client, List<PeerRef> holders, List<String> order) {
    this.fetcher = fetcher;
    this.order = order;
    for (PeerRef p : holders) {
      try {
        stream = client.openChunks(p.api(), order);
        peer = p.name();
        break;
      } catch (IOException | RuntimeException e) {
        fetcher.problems().add(p.name() + ": " + e.getMessage());
      }
    }
  }

  /** The plain bytes of the next chunk of the list, which must be {@code hash}. */
  byte[] next(String hash) throws IOException {
    if (next >= order.size() || !order.get(next).equals(hash)) {
      throw new IllegalStateException("chunk " + hash + " asked out of order");
    }
    next++;
    byte[] got = fetched.remove(hash);
    if (got != null) {
      return got;
    }
    if (stream != null) {
      ChunkRecord r = ahead != null ? ahead : read();
      ahead = null;
      if (r != null && r.hash().equals(hash)) {
        try {
          return r.plain();
        } catch (CorruptChunkException e) {
          fetcher.problems().add(peer + ": " + e.getMessage());
        }
      } else if (r != null) {
        ahead = r;
      }
    }
    return elsewhere(hash);
  }

  /** The chunk from the holders; with the stream gone, the next few chunks come along. */
  private byte[] elsewhere(String hash) throws IOException {
    Set<String> group = new LinkedHashSet<>();
    group.add(hash);
    for (int i = next; stream == null && i < order.size() && group.size() < GROUP; i++) {
      group.add(order.get(i));
    }
    fetched.putAll(fetcher.fetch(group));
    return fetched.remove(hash);
  }

  private ChunkRecord read() {
    try {
      ChunkRecord r = stream.next();
      if (r != null) {
        return r;
      }
    } catch (IOException | RuntimeException e) {
      fetcher.problems().add(peer + ": " + e.getMessage());
    }
    close();
    return null;
  }

  @Override
  public void close() {
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException e) {
        // the connection is dropped
      }
      stream = null;
    }
  }
}
