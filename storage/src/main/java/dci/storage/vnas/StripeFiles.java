package dci.storage.vnas;

import dci.storage.disk.DirectIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stripe files on one blade's disk, content addressed: {@code ROOT/ab/abcdef...}. A stripe is
 * written to a temporary file, forced to disk, then renamed into place, so a reader never
 * sees half a stripe and an acknowledged stripe survives a crash. Blocking: call only from
 * the blocking-I/O dispatcher.
 *
 * <p>Each file carries the CRC-32C of its bytes in an extended attribute
 * ({@code user.dci.crc32c}), taken when its bytes were known to match the id: an ordinary
 * read checks that (a few GB/s) instead of hashing the stripe again (SHA-256, about ten times
 * slower); a file without one (a file system without user attributes, an older file) is
 * hashed. Scrub always hashes ({@link #readVerified}). Forced writes skip the page cache where
 * the file system allows ({@link DirectIo}).
 */
public final class StripeFiles {
  private static final String CRC_ATTR = "dci.crc32c";
  private final Path root;
  private volatile boolean attributes = true;
  private final DirectIo direct = new DirectIo();
  /** Whether reads skip the page cache (a blade's store: its stripes were written that way). */
  private final boolean uncachedReads;

  /** Stripe files read through the page cache (a local cache's copies, written through it). */
  public StripeFiles(Path root) {
    this(root, false);
  }

  /** A blade's store: forced writes, and reads, skip the page cache where they can ({@link DirectIo}). */
  public static StripeFiles uncached(Path root) {
    return new StripeFiles(root, true);
  }

  private StripeFiles(Path root, boolean uncachedReads) {
    this.uncachedReads = uncachedReads;
    this.root = root;
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the stripe directory " + root, e);
    }
  }

  public Path root() {
    return root;
  }

  /** SHA-256 of {@code bytes}, lower-case hex. */
  public static String sha256(ByteBuffer bytes) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(bytes.duplicate());
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 of {@code bytes}, a chunk at a time (no copy into one array). */
  public static String sha256(org.apache.pekko.util.ByteString bytes) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (ByteBuffer b : bytes.getByteBuffers()) {
        md.update(b);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path pathOf(String hash) {
    return root.resolve(hash.substring(0, 2)).resolve(hash);
  }

  /** Writes the stripe durably; refuses bytes whose hash is not {@code hash}. */
  public void write(String hash, ByteBuffer bytes) throws IOException {
    if (!sha256(bytes).equals(hash)) {
      throw new IllegalArgumentException("stripe bytes do not match their id " + hash);
    }
    writeHashed(hash, bytes, true);
  }

  /**
   * Writes a stripe whose bytes the caller hashed itself or read verified, so they are not
   * hashed again; {@code durable}: forced to disk before the rename (a cache copy need not be).
   */
  public void writeHashed(String hash, ByteBuffer bytes, boolean durable) throws IOException {
    Path target = pathOf(hash);
    if (Files.exists(target)) {
      return;
    }
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), ".in-", ".tmp");
    try {
      recordCrc(tmp, bytes); // before the bytes, so that the force below covers it too
      if (!durable || !direct.writeForced(tmp, bytes)) {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ByteBuffer b = bytes.duplicate();
          while (b.hasRemaining()) {
            ch.write(b);
          }
          if (durable) {
            ch.force(true);
          }
        }
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The stripe's bytes, if held here (not verified: see {@link #readVerified}). */
  public Optional<byte[]> read(String hash) throws IOException {
    try {
      byte[] b = uncachedReads ? direct.read(pathOf(hash)) : null;
      return Optional.of(b != null ? b : Files.readAllBytes(pathOf(hash)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * The stripe's bytes if held here and intact as far as its recorded CRC-32C shows (hashed
   * when it has none); a corrupt file is reported, not returned.
   */
  public Optional<byte[]> readChecked(String hash) throws IOException {
    Path path = pathOf(hash);
    Optional<byte[]> b = read(hash);
    if (b.isEmpty()) {
      return b;
    }
    Optional<Integer> crc = recordedCrc(path);
    boolean intact = crc.isPresent() ? crc.get() == crc32c(ByteBuffer.wrap(b.get()))
        : sha256(ByteBuffer.wrap(b.get())).equals(hash);
    if (!intact) {
      throw new CorruptStripeException(hash);
    }
    return b;
  }

  /** CRC-32C of {@code bytes}. */
  static int crc32c(ByteBuffer bytes) {
    java.util.zip.CRC32C c = new java.util.zip.CRC32C();
    c.update(bytes.duplicate());
    return (int) c.getValue();
  }

  /** CRC-32C of {@code bytes}, a chunk at a time (no copy into one array). */
  public static int crc32c(org.apache.pekko.util.ByteString bytes) {
    java.util.zip.CRC32C c = new java.util.zip.CRC32C();
    for (ByteBuffer b : bytes.getByteBuffers()) {
      c.update(b);
    }
    return (int) c.getValue();
  }

  private void recordCrc(Path file, ByteBuffer bytes) {
    if (!attributes) {
      return;
    }
    try {
      var view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
      if (view == null) {
        attributes = false;
        return;
      }
      view.write(CRC_ATTR, ByteBuffer.allocate(4).putInt(0, crc32c(bytes)));
    } catch (IOException | UnsupportedOperationException e) {
      attributes = false; // no user attributes here: reads hash instead
    }
  }

  private static Optional<Integer> recordedCrc(Path file) {
    try {
      var view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
      if (view == null) {
        return Optional.empty();
      }
      ByteBuffer b = ByteBuffer.allocate(8);
      if (view.read(CRC_ATTR, b) != 4) {
        return Optional.empty();
      }
      return Optional.of(b.getInt(0));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty(); // none recorded
    }
  }

  /** The stripe's bytes if held here and they hash to its id; a corrupt file is reported, not returned. */
  public Optional<byte[]> readVerified(String hash) throws IOException {
    Optional<byte[]> b = read(hash);
    if (b.isPresent() && !sha256(ByteBuffer.wrap(b.get())).equals(hash)) {
      throw new CorruptStripeException(hash);
    }
    return b;
  }

  public boolean delete(String hash) throws IOException {
    return Files.deleteIfExists(pathOf(hash));
  }

  /** Every stripe held here: id to size. Leftover temporary files are removed. */
  public Map<String, Long> list() throws IOException {
    Map<String, Long> out = new HashMap<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path d : (Iterable<Path>) dirs::iterator) {
        if (!Files.isDirectory(d)) {
          continue;
        }
        try (Stream<Path> files = Files.list(d)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            String name = f.getFileName().toString();
            if (name.startsWith(".in-")) {
              Files.deleteIfExists(f);
            } else if (name.length() == 64) {
              out.put(name, Files.size(f));
            }
          }
        }
      }
    }
    return out;
  }

  /** A stripe whose bytes no longer match its id. */
  public static final class CorruptStripeException extends IOException {
    public CorruptStripeException(String hash) {
      super("stripe " + hash + " is corrupt on disk");
    }
  }
}
