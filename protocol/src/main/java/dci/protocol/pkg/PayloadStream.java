package dci.protocol.pkg;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads one payload file and checks it against its manifest entry as it goes: more bytes than
 * listed is refused at once (so a zip bomb is never inflated past its listed size), and at the
 * end of the data the size and SHA-256 must match. Refusals are {@link PackageException}s.
 */
public final class PayloadStream extends FilterInputStream {
  private final PayloadFile file;
  private final MessageDigest digest;
  private long count;
  private boolean checked;

  public PayloadStream(InputStream in, PayloadFile file) {
    super(in);
    this.file = file;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n < 0) {
      check();
      return -1;
    }
    count += n;
    if (count > file.size()) {
      throw new PackageException("payload file '" + file.path() + "' is larger than the " + file.size()
          + " bytes its manifest lists");
    }
    digest.update(b, off, n);
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Reads whatever is left, so that the size and hash are checked. */
  public void drain() throws IOException {
    byte[] buf = new byte[64 * 1024];
    while (read(buf, 0, buf.length) >= 0) {
      // counted and hashed by read
    }
  }

  private void check() {
    if (checked) {
      return;
    }
    if (count != file.size()) {
      throw new PackageException("payload file '" + file.path() + "' has " + count + " bytes, its manifest lists "
          + file.size());
    }
    String sha = HexFormat.of().formatHex(digest.digest());
    if (!sha.equals(file.sha256())) {
      throw new PackageException("payload file '" + file.path() + "' does not match its SHA-256 in the manifest");
    }
    checked = true;
  }
}
