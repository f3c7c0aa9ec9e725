package dci.app.install;

import dci.protocol.pkg.PackageException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * How an archive's bytes are compressed, told by the bytes they start with (never by the name).
 * Only these four (and none) are understood; a ZIP is recognised so that it can be told apart.
 */
enum Compression {
  NONE(),
  GZIP(0x1f, 0x8b),
  XZ(0xfd, '7', 'z', 'X', 'Z', 0x00),
  BZIP2('B', 'Z', 'h'),
  ZSTD(0x28, 0xb5, 0x2f, 0xfd),
  /** Not a compression: a ZIP archive (its first local file header; an empty one is its end record, PK 5 6). */
  ZIP('P', 'K', 0x03, 0x04),
  EMPTY_ZIP('P', 'K', 0x05, 0x06);

  /** Memory the xz decoder may take (xz -9 needs 65 MiB): a larger dictionary is refused, not allocated. */
  static final int XZ_MEMORY_KIB = 96 * 1024;

  private final int[] magic;

  Compression(int... magic) {
    this.magic = magic;
  }

  /** What {@code in} holds, looking at its first bytes without consuming them. */
  static Compression detect(BufferedInputStream in) throws IOException {
    in.mark(8);
    byte[] head = in.readNBytes(8);
    in.reset();
    for (Compression c : values()) {
      if (c != NONE && c.matches(head)) {
        return c == EMPTY_ZIP ? ZIP : c;
      }
    }
    return NONE;
  }

  private boolean matches(byte[] head) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** Its name in messages: gzip, xz, bzip2, zstd. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The decompressed bytes of {@code in}; concatenated streams (as pigz and pbzip2 write) are read on. */
  InputStream open(InputStream in) throws IOException {
    return switch (this) {
      case NONE -> in;
      case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
      case XZ -> XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true)
          .setMemoryLimitKiB(XZ_MEMORY_KIB).get();
      case BZIP2 -> new BZip2CompressorInputStream(in, true);
      case ZSTD -> new ZstdCompressorInputStream(in);
      case ZIP, EMPTY_ZIP -> throw new PackageException("a ZIP archive is not a compressed stream");
    };
  }
}
