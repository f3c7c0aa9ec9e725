package dci.storage.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * Content-defined chunking (FastCDC with normalized chunking): cut points depend on the bytes
 * around them, not on their offset, so an insertion near the start of a file changes one or
 * two chunks, not all that follow. Chunks are between {@link #MIN} and {@link #MAX} bytes,
 * about {@link #AVG} on average. The gear table is fixed (seeded), so every blade cuts the
 * same file the same way and identical content dedups across blades and archives.
 */
public final class FastCdc {
  public static final int MIN = 256 * 1024;
  public static final int AVG = 1024 * 1024;
  public static final int MAX = 4 * 1024 * 1024;
  private static final long[] GEAR = new long[256];
  /** Harder to match before the average size, easier after (normalized chunking, level 2). */
  private static final long MASK_SMALL = topBits(22);
  private static final long MASK_LARGE = topBits(18);

  static {
    SplittableRandom random = new SplittableRandom(0x0DC1_BAC0_0DC1L);
    for (int i = 0; i < GEAR.length; i++) {
      GEAR[i] = random.nextLong();
    }
  }

  /** Receives each chunk: {@code buf[off, off + len)} is valid only during the call. */
  @FunctionalInterface
  public interface Sink {
    void chunk(byte[] buf, int off, int len) throws IOException;
  }

  private FastCdc() {}

  private static long topBits(int n) {
    return -1L << (64 - n);
  }

  /** Length of the first chunk of {@code buf[off, off + len)} (all of it if {@code len <= MIN}). */
  public static int cut(byte[] buf, int off, int len) {
    if (len <= MIN) {
      return len;
    }
    int n = Math.min(len, MAX);
    int normal = Math.min(AVG, n);
    long fp = 0;
    int i = MIN;
    for (; i < normal; i++) {
      fp = (fp << 1) + GEAR[buf[off + i] & 0xff];
      if ((fp & MASK_SMALL) == 0) {
        return i + 1;
      }
    }
    for (; i < n; i++) {
      fp = (fp << 1) + GEAR[buf[off + i] & 0xff];
      if ((fp & MASK_LARGE) == 0) {
        return i + 1;
      }
    }
    return n;
  }

  private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[MAX]);

  /** Cuts the whole stream into chunks, in order; returns the number of bytes read. */
  public static long split(InputStream in, Sink sink) throws IOException {
    byte[] buf = BUFFERS.get();
    int filled = 0;
    long total = 0;
    boolean eof = false;
    while (true) {
      while (!eof && filled < buf.length) {
        int r = in.read(buf, filled, buf.length - filled);
        if (r < 0) {
          eof = true;
        } else {
          filled += r;
          total += r;
        }
      }
      if (filled == 0) {
        return total;
      }
      int len = cut(buf, 0, filled);
      sink.chunk(buf, 0, len);
      System.arraycopy(buf, len, buf, 0, filled - len);
      filled -= len;
    }
  }
}
