package dci.app.install;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Tar archives written on the spot for the extract tests, with any entry (hostile ones too), in any compression. */
final class TarArchives {
  /** The formats an extract step takes, with the name ending each is published under. */
  enum Format {
    TAR(".tar"), GZIP(".tar.gz"), XZ(".tar.xz"), BZIP2(".tar.bz2"), ZSTD(".tar.zst");

    final String suffix;

    Format(String suffix) {
      this.suffix = suffix;
    }

    byte[] compress(byte[] tar) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (OutputStream c = switch (this) {
        case TAR -> out;
        case GZIP -> new GzipCompressorOutputStream(out);
        case XZ -> new XZCompressorOutputStream(out);
        case BZIP2 -> new BZip2CompressorOutputStream(out);
        case ZSTD -> new ZstdCompressorOutputStream(out);
      }) {
        c.write(tar);
      }
      return out.toByteArray();
    }
  }

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar;
  private byte[] finished;

  TarArchives() {
    tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  /** Long names as GNU tar writes them ('L' headers) instead of pax. */
  TarArchives gnu() {
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
    return this;
  }

  TarArchives dir(String name) throws IOException {
    return put(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true), null);
  }

  TarArchives file(String name, String content) throws IOException {
    return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
  }

  TarArchives file(String name, byte[] content, int mode) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setMode(mode);
    e.setSize(content.length);
    return put(e, content);
  }

  /** A file whose pax header carries a comment of {@code bytes} bytes (tar takes any pax record it does not know). */
  TarArchives fileWithComment(String name, int bytes) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.addPaxHeader("comment", "c".repeat(bytes));
    e.setSize(0);
    return put(e, new byte[0]);
  }

  /** A symbolic ({@code symbolic}) or hard link {@code name} to {@code target}. */
  TarArchives link(String name, String target, boolean symbolic) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, symbolic ? TarConstants.LF_SYMLINK : TarConstants.LF_LINK, true);
    e.setLinkName(target);
    return put(e, null);
  }

  private TarArchives put(TarArchiveEntry e, byte[] content) throws IOException {
    tar.putArchiveEntry(e);
    if (content != null) {
      tar.write(content);
    }
    tar.closeArchiveEntry();
    return this;
  }

  /** The archive, finished, in {@code format}. */
  byte[] in(Format format) throws IOException {
    if (finished == null) {
      tar.finish();
      finished = bytes.toByteArray();
    }
    return format.compress(finished);
  }
}
