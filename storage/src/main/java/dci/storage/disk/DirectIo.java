package dci.storage.disk;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stripe I/O that skips the page cache (O_DIRECT): bytes go between an aligned buffer and the
 * disk instead of through the kernel's cache. A stripe is forced to disk before it is
 * acknowledged anyway; measured on the development machine, 4 MiB files written and forced
 * went at 780–825 MB/s this way and at 250–460 MB/s through the cache, and the copy into the
 * cache had been a third of a blade's CPU during a big PUT. A stripe written this way is not in
 * the cache, so it is read back this way too (one request for the whole file, no cache pages to
 * fill). The whole blocks of a write go direct, a tail shorter than a block through the cache.
 * A file system that refuses O_DIRECT (tmpfs before Linux 6.6, some network and FUSE file
 * systems) is remembered, and its files are read and written the ordinary way. Thread-safe.
 */
public final class DirectIo {
  /** Alignment of buffer addresses, file offsets and lengths: a common block size. */
  static final int ALIGN = 4096;
  /** Aligned buffers kept for reuse (allocating and zeroing 4 MiB off the heap each time costs). */
  private static final int KEPT = 4;

  private final ConcurrentLinkedQueue<ByteBuffer> kept = new ConcurrentLinkedQueue<>();
  private final AtomicInteger keptCount = new AtomicInteger();
  private volatile boolean supported = true;

  /** False once this file system has refused O_DIRECT. */
  public boolean supported() {
    return supported;
  }

  /**
   * Writes {@code bytes} into {@code file} (new and empty) and forces it to disk. False if it
   * wrote nothing: too short for a whole block, O_DIRECT refused, or a direct write failed (the
   * file is then empty again); the caller writes it the ordinary way.
   */
  public boolean writeForced(Path file, ByteBuffer bytes) throws IOException {
    return writeForced(file, List.of(bytes));
  }

  /** As {@link #writeForced(Path, ByteBuffer)}, the file being {@code parts} one after another. */
  public boolean writeForced(Path file, List<ByteBuffer> parts) throws IOException {
    long total = 0;
    for (ByteBuffer p : parts) {
      total += p.remaining();
    }
    if (!supported || total < ALIGN || total > Integer.MAX_VALUE - ALIGN) {
      return false;
    }
    int n = (int) total;
    int whole = n - n % ALIGN;
    FileChannel direct;
    try {
      direct = FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
    } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException e) {
      throw e; // not the file system refusing O_DIRECT: the ordinary way would fail alike
    } catch (IOException | UnsupportedOperationException e) {
      supported = false;
      return false;
    }
    ByteBuffer buf = take(n);
    if (buf == null) {
      direct.close();
      return false;
    }
    try {
      buf.clear();
      for (ByteBuffer p : parts) {
        buf.put(p.duplicate());
      }
      try (direct) {
        buf.position(0).limit(whole);
        long pos = 0;
        while (buf.hasRemaining()) {
          pos += direct.write(buf, pos);
        }
      } catch (IOException e) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.truncate(0);
        }
        return false;
      }
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        buf.limit(n).position(whole);
        long pos = whole;
        while (buf.hasRemaining()) {
          pos += ch.write(buf, pos);
        }
        ch.force(true);
      }
      return true;
    } finally {
      give(buf);
    }
  }

  /**
   * The whole of {@code file}, read past the page cache in one request; null if that could not
   * be done (O_DIRECT refused, or a read that came back short): the caller reads it the
   * ordinary way.
   */
  public byte[] read(Path file) throws IOException {
    if (!supported) {
      return null;
    }
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
    } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException e) {
      throw e;
    } catch (IOException | UnsupportedOperationException e) {
      supported = false;
      return null;
    }
    try (ch) {
      long size = ch.size();
      if (size == 0 || size > Integer.MAX_VALUE - ALIGN) {
        return null;
      }
      int want = (int) ((size + ALIGN - 1) / ALIGN * ALIGN);
      ByteBuffer buf = take(want);
      if (buf == null) {
        return null;
      }
      try {
        buf.clear().limit(want);
        while (buf.position() < size) {
          if (ch.read(buf, buf.position()) <= 0 || buf.position() % ALIGN != 0 && buf.position() < size) {
            return null; // short of the end (the file shrank, or an odd short read)
          }
        }
        byte[] out = new byte[(int) size];
        buf.flip().get(out);
        return out;
      } catch (IOException e) {
        return null;
      } finally {
        give(buf);
      }
    }
  }

  /** An aligned buffer of at least {@code size} bytes; null if no direct memory is left for one. */
  private ByteBuffer take(int size) {
    ByteBuffer b = kept.poll();
    if (b != null) {
      keptCount.decrementAndGet();
      if (b.capacity() >= size) {
        return b;
      }
    }
    // the aligned slice of a buffer one block longer than size rounded up holds at least that
    int blocks = (int) ((size + (long) ALIGN - 1) / ALIGN);
    try {
      return ByteBuffer.allocateDirect((blocks + 1) * ALIGN).alignedSlice(ALIGN);
    } catch (OutOfMemoryError e) { // the JVM's direct memory is spoken for: this one goes the ordinary way
      return null;
    }
  }

  private void give(ByteBuffer b) {
    if (keptCount.incrementAndGet() <= KEPT) {
      kept.offer(b);
    } else {
      keptCount.decrementAndGet();
    }
  }
}
