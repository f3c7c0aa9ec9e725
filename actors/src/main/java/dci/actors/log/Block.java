package dci.actors.log;

import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * One block of the read side as the indexer builds it: the lines {@code nr*B+1 .. (nr+1)*B} of
 * the log (B = {@code dci.log.index.block-lines}), summarised as what a query needs to know
 * whether the block may hold a match: the journal events holding its lines, the range of their
 * times, the keys of its lines (app, sender, receivers: rows of {@code dci_log_keys}) and the
 * 32-bit hashes of their envelope ids, correlation ids and replayed ids. A query reads the lines
 * of the blocks that may match and keeps those that do ({@link LogFilter}), so the summary only
 * has to be a superset. Not thread-safe: owned by the {@link LogIndexer}.
 */
final class Block {
  /** A row of {@code dci_log_keys}: kind 'a' (app), 's' (sender) or 'r' (receiver). */
  record Key(char kind, String value) {}

  /** The block as written in one transaction. */
  record Row(long nr, long firstEvent, long lastEvent, long minAt, long maxAt, byte[] ids, boolean stored,
      List<Key> newKeys) {}

  final long nr;
  private long firstEvent = Long.MAX_VALUE;
  private long lastEvent;
  private long minAt = Long.MAX_VALUE;
  private long maxAt = Long.MIN_VALUE;
  private int[] ids = new int[16];
  private int idCount;
  private final Set<Key> keys = new HashSet<>();
  private final Set<Key> newKeys = new HashSet<>();
  private boolean stored;

  Block(long nr) {
    this.nr = nr;
  }

  /** The block stored as {@code row} (its keys as {@code stored}), to go on adding lines to. */
  static Block reopen(Row row, Set<Key> stored) {
    Block b = new Block(row.nr());
    b.firstEvent = row.firstEvent();
    b.lastEvent = row.lastEvent();
    b.minAt = row.minAt();
    b.maxAt = row.maxAt();
    ByteBuffer in = ByteBuffer.wrap(row.ids());
    while (in.remaining() >= 4) {
      b.addId(in.getInt());
    }
    b.keys.addAll(stored);
    b.stored = true;
    return b;
  }

  /** The block of line {@code seq} when blocks hold {@code lines} lines. */
  static long of(long seq, int lines) {
    return (seq - 1) / lines;
  }

  /** Adds line {@code e} of journal event {@code event}. */
  void add(long event, LogEntry e) {
    firstEvent = Math.min(firstEvent, event);
    lastEvent = Math.max(lastEvent, event);
    long at = nanos(e.at());
    minAt = Math.min(minAt, at);
    maxAt = Math.max(maxAt, at);
    keysOf(e, (kind, value) -> {
      Key k = new Key(kind, value);
      if (keys.add(k)) {
        newKeys.add(k);
      }
    });
    Envelope env = e.envelope();
    for (UUID id : new UUID[] {env.id(), env.correlationId(), env.replayOf()}) {
      if (id != null) {
        addId(hash(id));
      }
    }
  }

  /** The block as it is to be written now (its keys not written yet with it); see {@link #written}. */
  Row row() {
    ByteBuffer out = ByteBuffer.allocate(idCount * 4);
    for (int i = 0; i < idCount; i++) {
      out.putInt(ids[i]);
    }
    return new Row(nr, firstEvent, lastEvent, minAt, maxAt, out.array(), stored, List.copyOf(newKeys));
  }

  /** The row last taken was committed. */
  void written() {
    stored = true;
    newKeys.clear();
  }

  private void addId(int h) {
    if (idCount == ids.length) {
      ids = Arrays.copyOf(ids, ids.length * 2);
    }
    ids[idCount++] = h;
  }

  /** The keys a query may ask a line for, as {@link LogFilter} matches them. */
  static void keysOf(LogEntry entry, BiConsumer<Character, String> out) {
    Envelope e = entry.envelope();
    if (e.appType() != null) {
      out.accept('a', e.appType());
    }
    if (e.sender() != null && e.sender().blade() != null) {
      out.accept('s', e.sender().blade());
    }
    Recipients to = e.to();
    if (to != null && to.mode() != null) {
      switch (to.mode()) {
        case BLADE, MULTICAST -> to.blades().forEach(b -> out.accept('r', b));
        case ALL, ANY, ROLE -> {
          if (entry.direction() == Direction.RECEIVED && entry.blade() != null) {
            out.accept('r', entry.blade());
          }
        }
      }
    }
  }

  /** The 32-bit hash of an id kept in a block's {@code ids}. */
  static int hash(UUID id) {
    long h = (id.getMostSignificantBits() ^ id.getLeastSignificantBits()) * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** True when {@code ids} (a block's) holds {@code hash}. */
  static boolean mayHold(byte[] ids, int hash) {
    ByteBuffer in = ByteBuffer.wrap(ids);
    while (in.remaining() >= 4) {
      if (in.getInt() == hash) {
        return true;
      }
    }
    return false;
  }

  /** An instant as nanoseconds since the epoch, clamped to what a long holds. */
  static long nanos(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException e) {
      return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
