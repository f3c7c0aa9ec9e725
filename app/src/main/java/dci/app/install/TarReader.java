package dci.app.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A minimal reader of tar streams (POSIX ustar, GNU long names, pax {@code path} and
 * {@code size}), enough for {@code extract} steps; header checksums are checked. It reports
 * entry types as they are and leaves refusing links and devices to its caller.
 */
final class TarReader {
  private static final int BLOCK = 512;
  private static final int MAX_META = 1 << 20;

  /**
   * One entry.
   *
   * @param name path as stored
   * @param type tar type flag: '0' file, '5' directory, '1' hard link, '2' symbolic link, ...
   * @param size bytes of data
   * @param mode permission bits
   */
  record Entry(String name, char type, long size, int mode) {
    boolean isFile() {
      return type == '0' || type == '\0' || type == '7';
    }

    boolean isDirectory() {
      return type == '5';
    }
  }

  private final InputStream in;
  private long remaining;
  private long padding;

  TarReader(InputStream in) {
    this.in = in;
  }

  /** The next entry, or null at the end of the archive. */
  Entry next() throws IOException {
    skip(remaining + padding);
    remaining = 0;
    padding = 0;
    String longName = null;
    Map<String, String> pax = new HashMap<>();
    while (true) {
      byte[] h = in.readNBytes(BLOCK);
      if (h.length == 0 || (h.length == BLOCK && zero(h))) {
        return null;
      }
      if (h.length < BLOCK) {
        throw new IOException("truncated tar header");
      }
      checksum(h);
      char type = (char) h[156];
      long size = number(h, 124, 12);
      if (type == 'L' || type == 'x' || type == 'g') {
        byte[] meta = meta(size);
        if (type == 'L') {
          longName = cString(meta, 0, meta.length);
        } else if (type == 'x') {
          pax.putAll(pax(meta));
        }
        continue;
      }
      String name = pax.containsKey("path") ? pax.get("path") : longName != null ? longName : ustarName(h);
      if (pax.containsKey("size")) {
        try {
          size = Long.parseLong(pax.get("size"));
        } catch (NumberFormatException e) {
          throw new IOException("malformed pax size");
        }
      }
      remaining = size;
      padding = (BLOCK - size % BLOCK) % BLOCK;
      return new Entry(name, type, size, (int) (number(h, 100, 8) & 07777));
    }
  }

  /** The current entry's data; reading past it gives end of stream. */
  InputStream data() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
          throw new IOException("tar entry cut short");
        }
        remaining -= n;
        return n;
      }
    };
  }

  private byte[] meta(long size) throws IOException {
    if (size < 0 || size > MAX_META) {
      throw new IOException("tar extended header of " + size + " bytes refused");
    }
    byte[] b = in.readNBytes((int) size);
    if (b.length < size) {
      throw new IOException("truncated tar extended header");
    }
    skip((BLOCK - size % BLOCK) % BLOCK);
    return b;
  }

  private static Map<String, String> pax(byte[] b) throws IOException {
    Map<String, String> out = new HashMap<>();
    int i = 0;
    while (i < b.length) {
      int sp = i;
      while (sp < b.length && b[sp] != ' ') {
        sp++;
      }
      int len;
      try {
        len = Integer.parseInt(new String(b, i, sp - i, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new IOException("malformed pax header");
      }
      if (len <= sp - i + 1 || i + len > b.length || b[i + len - 1] != '\n') {
        throw new IOException("malformed pax header");
      }
      String rec = new String(b, sp + 1, i + len - sp - 2, StandardCharsets.UTF_8);
      int eq = rec.indexOf('=');
      if (eq > 0) {
        out.put(rec.substring(0, eq), rec.substring(eq + 1));
      }
      i += len;
    }
    return out;
  }

  private static String ustarName(byte[] h) {
    String name = cString(h, 0, 100);
    boolean posix = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r' && h[262] == 0;
    String prefix = posix ? cString(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  /** An octal field, or a base-256 one (high bit set) for large values. */
  private static long number(byte[] h, int off, int len) throws IOException {
    if ((h[off] & 0x80) != 0) {
      long v = h[off] & 0x7f;
      for (int i = 1; i < len; i++) {
        if (v > (Long.MAX_VALUE >> 8)) {
          throw new IOException("tar number too large");
        }
        v = (v << 8) | (h[off + i] & 0xff);
      }
      return v;
    }
    long v = 0;
    for (int i = off; i < off + len; i++) {
      byte c = h[i];
      if (c == 0 || (c == ' ' && v > 0)) {
        break;
      }
      if (c == ' ') {
        continue;
      }
      if (c < '0' || c > '7' || v > (Long.MAX_VALUE >> 3)) {
        throw new IOException("malformed number in tar header");
      }
      v = v * 8 + (c - '0');
    }
    return v;
  }

  private static void checksum(byte[] h) throws IOException {
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      int b = i >= 148 && i < 156 ? ' ' : h[i];
      unsigned += b & 0xff;
      signed += (byte) b;
    }
    long stored = number(h, 148, 8);
    if (stored != unsigned && stored != signed) {
      throw new IOException("tar header checksum mismatch: not a tar archive, or a damaged one");
    }
  }

  private static boolean zero(byte[] h) {
    for (byte b : h) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private void skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new IOException("tar archive cut short");
        }
        s = 1;
      }
      left -= s;
    }
  }
}
