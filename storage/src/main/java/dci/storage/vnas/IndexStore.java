package dci.storage.vnas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dci.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A blade's share of the location index kept on its own disk (H2's MVStore), so that what the
 * index costs a blade's heap is a bounded page cache, not every entry of the volume (issue 25).
 *
 * <ul>
 *   <li>Rows are keyed by directory shard, parent and name: a directory's entries are one
 *       ordered range, listed a page at a time; a shard's rows are one range, handed to a new
 *       holder a page at a time.
 *   <li>Each row carries a stamp. A change older than the row it meets is dropped (the last
 *       writer wins, a removal included, kept as a tombstone), so holders that receive the same
 *       changes in any order end equal.
 *   <li>A change is durable when its stage completes. One commit and one fsync serve every change
 *       that arrived while the last one was being written (group commit).
 *   <li>Each shard keeps a digest: its row count and the XOR of a hash of each row's key and
 *       stored bytes. Two holders compare digests to know whether they agree, without reading rows.
 * </ul>
 *
 * <p>Each blade's {@link IndexHolder} keeps one; {@link ShardedIndex} reads and changes the
 * volume's entries through the holders.
 */
public final class IndexStore implements AutoCloseable {
  /** Directory shards: a directory's entries all sit in one, chosen by the directory's path. */
  public static final int SHARDS = 4096;
  /**
   * Every so many commits the file is compacted for at most {@link #COMPACT_MS}: each commit
   * rewrites the B-tree pages it touched, and MVStore's own housekeeping is off (its background
   * commits would not be followed by an fsync). Without this, 110 000 rows written in small
   * commits left a file of 670 MiB for about 60 MiB of rows.
   */
  private static final int COMPACT_EVERY = 250;
  private static final int COMPACT_MS = 200;
  /** Dead chunks are reused this long after they died (MVStore's default is 45 s). */
  private static final int RETENTION_MS = 2000;
  private static final ObjectMapper JSON = Json.configure(JsonMapper.builder()).build();

  private final MVStore store;
  private final MVMap<String, byte[]> rows;
  private final MVMap<Integer, long[]> digests;
  private final Executor io;
  private final Object commitLock = new Object();
  private List<CompletableFuture<Void>> pending = new ArrayList<>();
  private boolean committing;
  private boolean closed;
  private final AtomicLong commits = new AtomicLong();

  /** One row: the entry at {@code path} as of {@code stamp}, or its removal ({@code entry} null). */
  public record Row(String path, VnasEntry entry, long stamp) {
    public boolean removed() {
      return entry == null;
    }
  }

  /** A conditional change met a row at another stamp than the one expected. */
  public static final class Conflict extends RuntimeException {
    private final transient Row current;

    Conflict(Row current) {
      super("the row changed meanwhile", null, false, false);
      this.current = current;
    }

    /** The row as it is (a tombstone included), or null if there is none. */
    public Row current() {
      return current;
    }
  }

  /** What a shard holds, in two numbers: equal digests, equal rows. */
  public record Digest(long rows, long hash) implements dci.protocol.DciSerializable {}

  private IndexStore(MVStore store, Executor io) {
    this.store = store;
    this.rows = store.openMap("rows");
    this.digests = store.openMap("digests");
    this.io = io;
  }

  /**
   * Opens (or makes) the store in {@code file}, with a page cache of {@code cacheMiB}; commits and
   * fsyncs run on {@code io} (a dispatcher for blocking work, never an actor's thread).
   */
  public static IndexStore open(Path file, int cacheMiB, Executor io) {
    // Only the commit loop below commits, each commit followed by an fsync: MVStore's background
    // commits (and the ones a put may make on its caller's thread) are off.
    MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMiB).autoCommitDisabled().open();
    store.setRetentionTime(RETENTION_MS);
    return new IndexStore(store, io);
  }

  /** The shard of the entries directly below {@code dir}. */
  public static int shardOf(VnasPath dir) {
    return VnasKeys.mix(dir.toString().hashCode(), SHARDS);
  }

  private static String prefix(int shard) {
    return String.format("%03x", shard);
  }

  /** The row key: shard, parent, NUL (no name holds a control character), name. */
  static String key(VnasPath path) {
    VnasPath parent = path.parent();
    return prefix(shardOf(parent)) + parent + '\0' + path.name();
  }

  /** The row at {@code path}, a removal's tombstone included; empty if this store never heard of it. */
  public Optional<Row> get(VnasPath path) {
    byte[] v = rows.get(key(path));
    return v == null ? Optional.empty() : Optional.of(decode(path.toString(), v));
  }

  /**
   * Stores {@code change} unless the row it meets has the same or a newer stamp. The stage
   * completes with true once the change is on disk, false once the row that made it drop is on
   * disk. A stamp is meant to be unique to one change of a row (the blade deciding a shard's
   * changes gives them); should two differ under one stamp, the first stays and the holders'
   * digests show that they differ.
   */
  public CompletionStage<Boolean> apply(Row change) {
    boolean applied = put(change);
    // a change dropped for a newer row is answered once that row is on disk too
    return durable().thenApply(v -> applied);
  }

  /**
   * Puts {@code change} unless the row it meets is as new or newer, without waiting for it to be
   * on disk: the next commit takes it (a {@link #decide} after it waits for that commit).
   */
  public boolean merge(Row change) {
    return put(change);
  }

  /** Puts {@code change} unless the row it meets is as new or newer; keeps the shard's digest. */
  private synchronized boolean put(Row change) {
    VnasPath path = VnasPath.parse(change.path());
    if (path.isRoot()) {
      throw new IllegalArgumentException("the root is not a row");
    }
    String k = key(path);
    byte[] old = rows.get(k);
    if (old != null && ByteBuffer.wrap(old).getLong() >= change.stamp()) {
      return false;
    }
    byte[] now = encode(change);
    rows.put(k, now);
    int shard = shardOf(path.parent());
    long[] d = digests.getOrDefault(shard, new long[2]);
    long hash = d[1] ^ rowHash(k, now) ^ (old == null ? 0 : rowHash(k, old));
    digests.put(shard, new long[] {d[0] + (old == null ? 1 : 0), hash});
    return true;
  }

  /**
   * Decides a change, as the blade that decides the changes of the row's shard: {@code entry}
   * (null: a removal) gets a stamp above the row's and not below {@code clock}, so the holders
   * that receive it keep it. With {@code expect} of 0 or more the change is made only if the row
   * is at that stamp (0: there is no row); otherwise the stage fails with a {@link Conflict}
   * naming the row as it is. Completes with the row as stored once it is on disk.
   */
  public CompletionStage<Row> decide(VnasPath path, VnasEntry entry, long expect, long clock) {
    Row next;
    synchronized (this) {
      Optional<Row> now = get(path);
      long at = now.map(Row::stamp).orElse(0L);
      if (expect >= 0 && expect != at) {
        return CompletableFuture.failedFuture(new Conflict(now.orElse(null)));
      }
      next = new Row(path.toString(), entry, Math.max(clock, at + 1));
      put(next);
    }
    return durable().thenApply(v -> next);
  }

  /** Completes once everything put so far is committed and fsynced. */
  private CompletableFuture<Void> durable() {
    CompletableFuture<Void> durable = new CompletableFuture<>();
    synchronized (commitLock) {
      if (closed) {
        durable.completeExceptionally(new IllegalStateException("the index store is closed"));
        return durable;
      }
      pending.add(durable);
      if (!committing) {
        committing = true;
        try {
          io.execute(this::commitWhilePending);
        } catch (RuntimeException e) { // the executor refused: nothing will commit these
          committing = false;
          pending.forEach(f -> f.completeExceptionally(e));
          pending = new ArrayList<>();
        }
      }
    }
    return durable;
  }

  /** Commits and fsyncs until no change waits: each round covers all that came before it. */
  private void commitWhilePending() {
    while (true) {
      List<CompletableFuture<Void>> batch;
      synchronized (commitLock) {
        if (pending.isEmpty()) {
          committing = false;
          return;
        }
        batch = pending;
        pending = new ArrayList<>();
      }
      try {
        store.commit();
        store.sync();
        batch.forEach(f -> f.complete(null));
        if (commits.incrementAndGet() % COMPACT_EVERY == 0) {
          store.compactFile(COMPACT_MS);
          store.setRetentionTime(RETENTION_MS); // compactFile leaves it at 0
        }
      } catch (Throwable e) {
        batch.forEach(f -> f.completeExceptionally(e));
        if (e instanceof Error err) {
          synchronized (commitLock) {
            committing = false;
          }
          throw err;
        }
      }
    }
  }

  /**
   * Up to {@code max} entries directly below {@code dir}, in name order, after the name
   * {@code after} (null: from the first); removals are skipped. A listing pages with the last name.
   */
  public List<VnasEntry> children(VnasPath dir, String after, int max) {
    return below(dir, after, max, false).stream().map(Row::entry).toList();
  }

  /**
   * Up to {@code max} rows directly below {@code dir}, tombstones included, in name order after
   * the name {@code after} (null: from the first): what holders compare to list a directory.
   */
  public List<Row> childRows(VnasPath dir, String after, int max) {
    return below(dir, after, max, true);
  }

  /** Up to {@code max} rows directly below {@code dir} after the name {@code after}, tombstones only if {@code removals}. */
  private List<Row> below(VnasPath dir, String after, int max, boolean removals) {
    String from = prefix(shardOf(dir)) + dir + '\0';
    List<Row> out = new ArrayList<>();
    Cursor<String, byte[]> c = rows.cursor(after == null ? from : from + after);
    while (out.size() < max && c.hasNext()) {
      String k = c.next();
      if (!k.startsWith(from)) {
        break;
      }
      String name = k.substring(from.length());
      if (name.equals(after)) {
        continue;
      }
      Row r = decode(dir.child(name).toString(), c.getValue());
      if (removals || !r.removed()) {
        out.add(r);
      }
    }
    return out;
  }

  /** Up to {@code max} rows of {@code shard} (tombstones too) after the row at {@code after} (null: from the first). */
  public List<Row> rows(int shard, VnasPath after, int max) {
    String p = prefix(shard);
    List<Row> out = new ArrayList<>();
    String skip = after == null ? null : key(after);
    Cursor<String, byte[]> c = rows.cursor(skip == null ? p : skip);
    while (out.size() < max && c.hasNext()) {
      String k = c.next();
      if (!k.startsWith(p)) {
        break;
      }
      if (k.equals(skip)) {
        continue;
      }
      out.add(rowAt(k, c.getValue()));
    }
    return out;
  }

  /** A page of {@link #scan}: the rows, and the key to scan on from (null: the end). */
  public record Scan(List<Row> rows, String next) {}

  /**
   * Up to {@code max} rows (tombstones too) of the shards {@code take} accepts, in key order,
   * from the first key after {@code after} (null: from the first); at most {@code max} * 8 rows
   * are looked at, so a page over shards this blade mostly does not hold still comes back soon.
   */
  public Scan scan(String after, int max, java.util.function.IntPredicate take) {
    List<Row> out = new ArrayList<>();
    Cursor<String, byte[]> c = rows.cursor(after == null ? "" : after);
    String last = null;
    int looked = 0;
    while (out.size() < max && looked < max * 8 && c.hasNext()) {
      String k = c.next();
      if (k.equals(after)) {
        continue;
      }
      looked++;
      last = k;
      if (take.test(Integer.parseInt(k.substring(0, 3), 16))) {
        out.add(rowAt(k, c.getValue()));
      }
    }
    return new Scan(out, c.hasNext() ? last : null);
  }

  /**
   * Removes each of {@code handedOver} that is still stored exactly so (a row changed since stays):
   * a blade drops the rows of a shard it no longer holds once its holders have them. Done with
   * the next commit.
   */
  public synchronized int dropIfSame(List<Row> handedOver) {
    int dropped = 0;
    for (Row r : handedOver) {
      VnasPath path = VnasPath.parse(r.path());
      String k = key(path);
      byte[] now = rows.get(k);
      if (now != null && java.util.Arrays.equals(now, encode(r))) {
        rows.remove(k);
        int shard = shardOf(path.parent());
        long[] d = digests.getOrDefault(shard, new long[2]);
        if (d[0] <= 1) {
          digests.remove(shard);
        } else {
          digests.put(shard, new long[] {d[0] - 1, d[1] ^ rowHash(k, now)});
        }
        dropped++;
      }
    }
    return dropped;
  }

  /** The shards this store has rows of (tombstones count). */
  public List<Integer> shardsWithRows() {
    List<Integer> out = new ArrayList<>();
    digests.keyIterator(null).forEachRemaining(out::add);
    return out;
  }

  public Digest digest(int shard) {
    long[] d = digests.getOrDefault(shard, new long[2]);
    return new Digest(d[0], d[1]);
  }

  /** One digest of all the shards in {@code shards} together: equal digests, equal rows in all of them. */
  public Digest digest(java.util.BitSet shards) {
    long rows = 0;
    long hash = 0;
    for (int s = shards.nextSetBit(0); s >= 0; s = shards.nextSetBit(s + 1)) {
      Digest d = digest(s);
      rows += d.rows();
      hash ^= d.hash(); // row hashes cover their keys, shard included: no two shards cancel
    }
    return new Digest(rows, hash);
  }

  /** Rows held, tombstones included. */
  public long size() {
    return rows.sizeAsLong();
  }

  /** Commits made so far (one serves many changes). */
  public long commits() {
    return commits.get();
  }

  /** Closes the file (committing what is in it); changes still waiting are answered. */
  @Override
  public void close() {
    List<CompletableFuture<Void>> left;
    synchronized (commitLock) {
      closed = true;
      left = pending;
      pending = new ArrayList<>();
    }
    store.close();
    left.forEach(f -> f.complete(null));
  }

  private static byte[] encode(Row r) {
    try {
      byte[] json = r.removed() ? new byte[0] : JSON.writeValueAsBytes(r.entry());
      return ByteBuffer.allocate(8 + json.length).putLong(r.stamp()).put(json).array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The row stored under the key {@code k} (shard, parent, NUL, name). */
  private static Row rowAt(String k, byte[] v) {
    int nul = k.indexOf('\0');
    return decode(VnasPath.parse(k.substring(3, nul)).child(k.substring(nul + 1)).toString(), v);
  }

  private static Row decode(String path, byte[] v) {
    long stamp = ByteBuffer.wrap(v).getLong();
    if (v.length == 8) {
      return new Row(path, null, stamp);
    }
    try {
      return new Row(path, JSON.readValue(v, 8, v.length - 8, VnasEntry.class), stamp);
    } catch (IOException e) {
      throw new UncheckedIOException("an index row of " + path + " cannot be read", e);
    }
  }

  /**
   * A 64-bit hash of a row: its key and its stored bytes (stamp and entry), FNV-1a then mixed, so
   * two holders whose rows differ in anything, even under one stamp, have different digests.
   */
  static long rowHash(String key, byte[] value) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    for (byte b : value) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }
}
