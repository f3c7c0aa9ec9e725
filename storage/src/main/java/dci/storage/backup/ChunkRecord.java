package dci.storage.backup;

import com.github.luben.zstd.Zstd;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One chunk as it is stored and sent: {@code [SHA-256 of the plain bytes: 32][flags: 1]
 * [plain length: 4][stored length: 4][stored bytes]}, the stored bytes zstd-compressed unless
 * that did not pay. The same form lives in a peer's pack files and travels between blades.
 */
public record ChunkRecord(String hash, boolean compressed, int plainLength, byte[] stored) {
  public static final int HEADER = 32 + 1 + 4 + 4;
  private static final int LEVEL = 1;
  private static final HexFormat HEX = HexFormat.of();
  /**
   * Room for one compressed or decompressed chunk, lent out so that a chunk costs no 4 MiB of
   * garbage; a few are kept (not one per thread: every thread of the I/O dispatcher that ever
   * checked a pack would hold 4 MiB for good).
   */
  private static final java.util.concurrent.BlockingQueue<byte[]> SCRATCH =
      new java.util.concurrent.ArrayBlockingQueue<>(Math.min(4, Math.max(2, Runtime.getRuntime().availableProcessors())));

  private static byte[] borrow() {
    byte[] b = SCRATCH.poll();
    return b != null ? b : new byte[(int) Zstd.compressBound(FastCdc.MAX)];
  }

  private static void giveBack(byte[] b) {
    SCRATCH.offer(b);
  }

  /** Hashes and compresses {@code buf[off, off + len)}. */
  public static ChunkRecord of(byte[] buf, int off, int len) {
    MessageDigest sha = sha256();
    sha.update(buf, off, len);
    String hash = HEX.formatHex(sha.digest());
    byte[] dst = borrow();
    try {
      long n = Zstd.compressByteArray(dst, 0, dst.length, buf, off, len, LEVEL);
      if (!Zstd.isError(n) && n < len - len / 32) {
        return new ChunkRecord(hash, true, len, Arrays.copyOf(dst, (int) n));
      }
    } finally {
      giveBack(dst);
    }
    return new ChunkRecord(hash, false, len, Arrays.copyOfRange(buf, off, off + len));
  }

  /** The plain bytes, checked against the hash; throws {@link CorruptChunkException} if they differ. */
  public byte[] plain() {
    byte[] out;
    try {
      out = compressed ? Zstd.decompress(stored, plainLength) : stored;
    } catch (RuntimeException e) {
      throw new CorruptChunkException(hash, "does not decompress: " + e.getMessage());
    }
    if (out.length != plainLength || !hash.equals(HEX.formatHex(sha256().digest(out)))) {
      throw new CorruptChunkException(hash, "content does not match its hash");
    }
    return out;
  }

  /** The record's header bytes. */
  public byte[] header() {
    return ByteBuffer.allocate(HEADER).put(HEX.parseHex(hash)).put((byte) (compressed ? 1 : 0)).putInt(plainLength)
        .putInt(stored.length).array();
  }

  /**
   * Checks the record at {@code body[off, ...)} against its hash without keeping its bytes;
   * returns its header. Throws {@link CorruptChunkException} or, if malformed, {@link IOException}.
   */
  public static Header verifyAt(byte[] body, int off) throws IOException {
    if (body.length - off < HEADER) {
      throw new IOException("truncated chunk record");
    }
    Header h = parseHeader(java.util.Arrays.copyOfRange(body, off, off + HEADER));
    if (body.length - off - HEADER < h.storedLength()) {
      throw new IOException("truncated chunk record");
    }
    MessageDigest sha = sha256();
    if (h.compressed()) {
      byte[] dst = borrow();
      try {
        long n = Zstd.decompressByteArray(dst, 0, h.plainLength(), body, off + HEADER, h.storedLength());
        if (Zstd.isError(n) || n != h.plainLength()) {
          throw new CorruptChunkException(h.hash(), "does not decompress");
        }
        sha.update(dst, 0, (int) n);
      } finally {
        giveBack(dst);
      }
    } else {
      sha.update(body, off + HEADER, h.storedLength());
    }
    if (!h.hash().equals(HEX.formatHex(sha.digest()))) {
      throw new CorruptChunkException(h.hash(), "content does not match its hash");
    }
    return h;
  }

  public int size() {
    return HEADER + stored.length;
  }

  public void writeTo(OutputStream out) throws IOException {
    ByteBuffer h = ByteBuffer.allocate(HEADER);
    h.put(HEX.parseHex(hash)).put((byte) (compressed ? 1 : 0)).putInt(plainLength).putInt(stored.length);
    out.write(h.array());
    out.write(stored);
  }

  /** Reads the next record, or null at a clean end of stream; refuses malformed headers. */
  public static ChunkRecord readFrom(InputStream in) throws IOException {
    Header h = readHeader(in);
    if (h == null) {
      return null;
    }
    byte[] stored = new byte[h.storedLength()];
    new DataInputStream(in).readFully(stored);
    return new ChunkRecord(h.hash(), h.compressed(), h.plainLength(), stored);
  }

  /** A record's header. */
  public record Header(String hash, boolean compressed, int plainLength, int storedLength) {}

  public static Header readHeader(InputStream in) throws IOException {
    byte[] b = new byte[HEADER];
    int n = in.readNBytes(b, 0, HEADER);
    if (n == 0) {
      return null;
    }
    if (n < HEADER) {
      throw new EOFException("truncated chunk header");
    }
    return parseHeader(b);
  }

  public static Header parseHeader(byte[] b) throws IOException {
    ByteBuffer h = ByteBuffer.wrap(b);
    byte[] digest = new byte[32];
    h.get(digest);
    int flags = h.get();
    int plain = h.getInt();
    int stored = h.getInt();
    if ((flags & ~1) != 0 || plain < 0 || plain > FastCdc.MAX || stored < 0 || stored > FastCdc.MAX + 1024
        || (flags == 0 && stored != plain)) {
      throw new IOException("malformed chunk record header");
    }
    return new Header(HEX.formatHex(digest), flags == 1, plain, stored);
  }

  /**
   * A file's hash: SHA-256 over its chunks' ids in order (a hash tree: with every chunk checked
   * against its own id, this proves the whole content); a one-chunk file's is that chunk's id.
   */
  public static String fileHash(java.util.List<String> chunks) {
    if (chunks.size() == 1) {
      return chunks.get(0);
    }
    MessageDigest sha = sha256();
    chunks.forEach(c -> sha.update(HEX.parseHex(c)));
    return HEX.formatHex(sha.digest());
  }

  public static boolean isHash(String s) {
    if (s == null || s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
