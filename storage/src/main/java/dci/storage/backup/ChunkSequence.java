package dci.storage.backup;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The plain bytes of a list of chunks, handed out one after another in the list's order while
 * they are streamed from one peer in a single request (a restore writes as they arrive, never
 * waiting for a whole group). The peer sends them in the order asked, leaving out those it
 * lacks: the chunks skipped over, and one it sends damaged, come from the other holders, a
 * group of at most {@link #GROUP_BYTES} at a time. A stream that breaks, or sends a record out
 * of order or not asked for, is dropped, and the rest come from the holders in such groups.
 * Not thread-safe.
 */
final class ChunkSequence implements AutoCloseable {
  private static final long GROUP_BYTES = Uploader.PACK_BYTES;
  private static final int GROUP_CHUNKS = 256;

  private final ChunkFetcher fetcher;
  private final List<String> order;
  private final ToLongFunction<String> sizes;
  private final Map<String, Integer> place = new HashMap<>();
  private final Map<String, byte[]> fetched = new HashMap<>();
  /** Place in {@code order} of the next chunk to hand out. */
  private int next;
  private String peer;
  private PeerClient.ChunkStream stream;
  /** A record read past the chunks the peer lacked: a later chunk's, kept until its turn. */
  private ChunkRecord ahead;

  /** {@code order} names each chunk once; {@code sizes} gives each one's expected size. */
  ChunkSequence(ChunkFetcher fetcher, PeerClient client, List<PeerRef> holders, List<String> order,
      ToLongFunction<String> sizes) {
    this.fetcher = fetcher;
    this.order = order;
    this.sizes = sizes;
    for (int i = 0; i < order.size(); i++) {
      place.put(order.get(i), i);
    }
    for (PeerRef p : order.isEmpty() ? List.<PeerRef>of() : holders) {
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
    int at = next++;
    byte[] got = fetched.remove(hash);
    if (got != null) {
      return got;
    }
    if (stream != null) {
      ChunkRecord r = ahead != null ? ahead : read();
      ahead = null;
      Integer later = r == null ? null : place.get(r.hash());
      if (later != null && later == at) {
        try {
          return r.plain();
        } catch (CorruptChunkException e) {
          fetcher.problems().add(peer + ": " + e.getMessage());
          return elsewhere(at, at + 1, peer);
        }
      }
      if (later != null && later > at) {
        ahead = r;  // the peer lacks the chunks from here up to that one
        return elsewhere(at, later, peer);
      }
      if (r != null) {
        fetcher.problems().add(peer + ": sent chunk " + r.hash().substring(0, 12) + " out of order or unasked");
        close();
      }
    }
    return elsewhere(at, order.size(), null);
  }

  /**
   * Chunk {@code from} of the list, fetched from the holders but {@code skip}, with the chunks
   * after it up to {@code to} (exclusive) as long as the group stays small.
   */
  private byte[] elsewhere(int from, int to, String skip) throws IOException {
    Set<String> group = new LinkedHashSet<>();
    long bytes = 0;
    for (int i = from; i < to && group.size() < GROUP_CHUNKS && (group.isEmpty() || bytes < GROUP_BYTES); i++) {
      group.add(order.get(i));
      bytes += sizes.applyAsLong(order.get(i));
    }
    fetched.putAll(fetcher.fetch(group, skip));
    return fetched.remove(order.get(from));
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
