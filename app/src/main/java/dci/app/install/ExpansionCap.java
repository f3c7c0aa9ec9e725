package dci.app.install;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Counts the bytes a compressed archive expands to as they are read, skipped ones included, and
 * fails the read that passes the cap: a bomb (a small stream that inflates to far more) stops
 * there, whether its bytes would be written or only skipped over.
 */
final class ExpansionCap extends FilterInputStream {
  private final long cap;
  private final Supplier<RuntimeException> past;
  private long count;

  ExpansionCap(InputStream in, long cap, Supplier<RuntimeException> past) {
    super(in);
    this.cap = cap;
    this.past = past;
  }

  @Override
  public int read() throws IOException {
    int c = in.read();
    if (c >= 0) {
      count(1);
    }
    return c;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long s = in.skip(Math.min(n, cap - count + 1)); // a compressed stream skips by expanding: never far past the cap
    if (s > 0) {
      count(s);
    }
    return s;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void count(long n) {
    count += n;
    if (count > cap) {
      throw past.get();
    }
  }
}
