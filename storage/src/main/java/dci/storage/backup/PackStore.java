package dci.storage.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A blade's store of other blades' backup chunks (separate from the VNAS): chunk records
 * appended to pack files ({@code packs/ID.pack}), each pack written whole, fsync'd and then
 * renamed into place, so a pack is either complete or absent. The index (chunk to pack and
 * offset) is rebuilt from the packs' record headers when the blade starts. Thread-safe;
 * callers run it on the blocking-I/O dispatcher.
 */
public final class PackStore {
  /** Where one chunk's record lives. */
  record Loc(String pack, long offset, int storedLength) {}

  /** What a pack upload added. */
  public record Added(int chunks, long bytes, int duplicates) {}

  /** What garbage collection removed. */
  public record Collected(int chunks, long bytes, int packsRewritten) {}

  private final Path packs;
  private final Map<String, Loc> index = new ConcurrentHashMap<>();
  /** Packs open for reading (positional reads are safe from several threads). */
  private final Map<String, FileChannel> open = new ConcurrentHashMap<>();

  public PackStore(Path root) {
    this.packs = root.resolve("packs");
    try {
      Files.createDirectories(packs);
      try (var list = Files.list(packs)) {
        for (Path p : (Iterable<Path>) list::iterator) {
          String name = p.getFileName().toString();
          if (name.endsWith(".tmp")) {
            Files.deleteIfExists(p);
          } else if (name.endsWith(".pack")) {
            load(name.substring(0, name.length() - 5));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the backup store " + root + ": " + e.getMessage(), e);
    }
  }

  private void load(String pack) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file(pack)), 1 << 16)) {
      long offset = 0;
      ChunkRecord.Header h;
      while ((h = ChunkRecord.readHeader(in)) != null) {
        index.putIfAbsent(h.hash(), new Loc(pack, offset, h.storedLength()));
        in.skipNBytes(h.storedLength());
        offset += ChunkRecord.HEADER + h.storedLength();
      }
    } catch (IOException e) {
      // a damaged pack keeps what could be indexed before the damage; check --read-data reports the rest
    }
  }

  private Path file(String pack) {
    return packs.resolve(pack + ".pack");
  }

  public boolean has(String hash) {
    return index.containsKey(hash);
  }

  /** The hashes among {@code hashes} this store lacks. */
  public List<String> missing(Collection<String> hashes) {
    return hashes.stream().filter(h -> !index.containsKey(h)).toList();
  }

  public int chunkCount() {
    return index.size();
  }

  /**
   * Checks every record of {@code body} against its hash and stores those not held yet in one
   * new pack, durable before this returns. Nothing is stored if any record is bad.
   */
  public Added add(byte[] body) throws IOException {
    List<int[]> fresh = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    int duplicates = 0;
    int off = 0;
    while (off < body.length) {
      ChunkRecord.Header h = ChunkRecord.verifyAt(body, off);
      int len = ChunkRecord.HEADER + h.storedLength();
      if (index.containsKey(h.hash()) || !seen.add(h.hash())) {
        duplicates++;
      } else {
        fresh.add(new int[] {off, len});
        hashes.add(h.hash());
      }
      off += len;
    }
    return write(body, fresh, hashes, duplicates);
  }

  private synchronized Added write(byte[] body, List<int[]> ranges, List<String> hashes, int duplicates)
      throws IOException {
    if (ranges.isEmpty()) {
      return new Added(0, 0, duplicates);
    }
    String pack = newPackName();
    Map<String, Loc> locs = new HashMap<>();
    Path tmp = packs.resolve(pack + ".tmp");
    long offset = 0;
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int i = 0; i < ranges.size(); i++) {
        int[] r = ranges.get(i);
        ByteBuffer b = ByteBuffer.wrap(body, r[0], r[1]);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        locs.putIfAbsent(hashes.get(i), new Loc(pack, offset, r[1] - ChunkRecord.HEADER));
        offset += r[1];
      }
      ch.force(true);
    }
    Files.move(tmp, file(pack), StandardCopyOption.ATOMIC_MOVE);
    syncDir();
    locs.keySet().removeIf(index::containsKey);
    index.putAll(locs);
    return new Added(ranges.size(), offset, duplicates);
  }

  private static String newPackName() {
    return Long.toHexString(System.currentTimeMillis()) + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }

  /** Stores records already checked by the caller. */
  public synchronized Added store(List<ChunkRecord> records, int duplicates) throws IOException {
    List<ChunkRecord> fresh = records.stream().filter(x -> !index.containsKey(x.hash())).toList();
    if (fresh.isEmpty()) {
      return new Added(0, 0, duplicates + records.size());
    }
    String pack = newPackName();
    Map<String, Loc> locs = new HashMap<>();
    Path tmp = packs.resolve(pack + ".tmp");
    long offset = 0;
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
      for (ChunkRecord c : fresh) {
        c.writeTo(out);
        locs.putIfAbsent(c.hash(), new Loc(pack, offset, c.stored().length));
        offset += c.size();
      }
      out.flush();
      ch.force(true);
    }
    Files.move(tmp, file(pack), StandardCopyOption.ATOMIC_MOVE);
    syncDir();
    index.putAll(locs);
    return new Added(fresh.size(), offset, duplicates + records.size() - fresh.size());
  }

  /** The stored record of {@code hash}, as written (not checked); null if absent. */
  public ChunkRecord read(String hash) throws IOException {
    byte[] b = readRecord(hash);
    if (b == null) {
      return null;
    }
    ChunkRecord.Header h = ChunkRecord.parseHeader(java.util.Arrays.copyOf(b, ChunkRecord.HEADER));
    return new ChunkRecord(hash, h.compressed(), h.plainLength(), java.util.Arrays.copyOfRange(b, ChunkRecord.HEADER, b.length));
  }

  /**
   * The chunk's whole record as stored (header and stored bytes, read in one go, as it is sent
   * to a blade restoring), or null if it is not held; not checked against its hash (the reader
   * checks). The header names the hash asked for: the stored one may be damaged too.
   */
  public byte[] readRecord(String hash) throws IOException {
    Loc loc = index.get(hash);
    if (loc == null) {
      return null;
    }
    try {
      FileChannel ch = channel(loc.pack());
      ByteBuffer b = ByteBuffer.allocate(ChunkRecord.HEADER + loc.storedLength());
      while (b.hasRemaining()) {
        if (ch.read(b, loc.offset() + b.position()) < 0) {
          throw new IOException("pack " + loc.pack() + " is truncated");
        }
      }
      byte[] out = b.array();
      ChunkRecord.Header h = ChunkRecord.parseHeader(java.util.Arrays.copyOf(out, ChunkRecord.HEADER));
      if (h.storedLength() != loc.storedLength()) { // damaged since the index was built: not sent as it is
        throw new IOException("chunk " + hash + " in pack " + loc.pack() + " has a damaged header");
      }
      System.arraycopy(java.util.HexFormat.of().parseHex(hash), 0, out, 0, 32);
      return out;
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  /** The size of the chunk's record here (0 if it is not held), known without reading it. */
  public int recordSize(String hash) {
    Loc loc = index.get(hash);
    return loc == null ? 0 : ChunkRecord.HEADER + loc.storedLength();
  }

  /**
   * The records of those of {@code hashes} held here, in the order asked; a chunk absent or
   * with a damaged header is left out, as {@link #readRecord} does. They are read in pack and
   * offset order, so a group of chunks is one forward pass over its packs, not a seek each.
   */
  public List<byte[]> readRecords(List<String> hashes) {
    List<Map.Entry<String, Loc>> found = new ArrayList<>();
    for (String h : hashes) {
      Loc loc = index.get(h);
      if (loc != null) {
        found.add(Map.entry(h, loc));
      }
    }
    found.sort(java.util.Comparator.comparing((Map.Entry<String, Loc> e) -> e.getValue().pack())
        .thenComparingLong(e -> e.getValue().offset()));
    Map<String, byte[]> read = new HashMap<>();
    for (Map.Entry<String, Loc> e : found) {
      try {
        byte[] r = readRecord(e.getKey());
        if (r != null) {
          read.put(e.getKey(), r);
        }
      } catch (IOException damaged) {
        // left out: the reader takes it from another peer
      }
    }
    List<byte[]> out = new ArrayList<>(read.size());
    for (String h : hashes) {
      byte[] r = read.remove(h);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  private FileChannel channel(String pack) throws IOException {
    FileChannel ch = open.get(pack);
    if (ch != null && ch.isOpen()) {
      return ch;
    }
    FileChannel fresh = FileChannel.open(file(pack), StandardOpenOption.READ);
    FileChannel raced = open.putIfAbsent(pack, fresh);
    if (raced != null && raced.isOpen()) {
      fresh.close();
      return raced;
    }
    open.put(pack, fresh);
    return fresh;
  }

  /** Re-reads every listed chunk and checks its hash: the corrupt ones and the missing ones. */
  public Map<String, List<String>> verify(Collection<String> hashes) {
    List<String> missing = new ArrayList<>();
    List<String> corrupt = new ArrayList<>();
    for (String h : hashes) {
      try {
        ChunkRecord r = read(h);
        if (r == null) {
          missing.add(h);
        } else {
          r.plain();
        }
      } catch (CorruptChunkException | IOException e) {
        corrupt.add(h);
      }
    }
    return Map.of("missing", missing, "corrupt", corrupt);
  }

  /**
   * Removes every chunk not in {@code keep}, in packs older than {@code grace} (younger packs
   * may belong to an archive still being written). A pack with some kept chunks is rewritten
   * with only those first; a kept chunk is never removed.
   */
  public synchronized Collected collect(Set<String> keep, Duration grace) throws IOException {
    Map<String, List<Map.Entry<String, Loc>>> byPack = new HashMap<>();
    for (var e : index.entrySet()) {
      byPack.computeIfAbsent(e.getValue().pack(), k -> new ArrayList<>()).add(e);
    }
    Instant cutoff = Instant.now().minus(grace);
    int chunks = 0;
    long bytes = 0;
    int rewritten = 0;
    for (var e : byPack.entrySet()) {
      List<Map.Entry<String, Loc>> entries = e.getValue();
      List<Map.Entry<String, Loc>> dead = entries.stream().filter(x -> !keep.contains(x.getKey())).toList();
      Path f = file(e.getKey());
      if (dead.isEmpty() || !Files.exists(f) || Files.getLastModifiedTime(f).toInstant().isAfter(cutoff)) {
        continue;
      }
      List<ChunkRecord> live = new ArrayList<>();
      for (var x : entries) {
        ChunkRecord c = keep.contains(x.getKey()) ? read(x.getKey()) : null;
        if (c != null) {
          live.add(c);
        }
      }
      for (var x : dead) {
        index.remove(x.getKey());
        bytes += ChunkRecord.HEADER + x.getValue().storedLength();
      }
      chunks += dead.size();
      for (ChunkRecord c : live) {
        index.remove(c.hash());
      }
      if (!live.isEmpty()) {
        store(live, 0);
        rewritten++;
      }
      FileChannel ch = open.remove(e.getKey());
      if (ch != null) {
        ch.close();
      }
      Files.deleteIfExists(f);
    }
    syncDir();
    return new Collected(chunks, bytes, rewritten);
  }

  /** Bytes of pack files on disk. */
  public long bytesOnDisk() {
    try (var list = Files.list(packs)) {
      return list.mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  private void syncDir() {
    try (FileChannel dir = FileChannel.open(packs, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // not every file system lets a directory be synced; the packs themselves were
    }
  }
}
