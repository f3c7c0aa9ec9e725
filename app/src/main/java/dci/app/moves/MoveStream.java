package dci.app.moves;

import dci.storage.backup.UploadLimit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A user's home as one stream from its source blade straight to its target (a one-to-one or a
 * cascade's copy: archive on the source, restore on the target, nothing stored in between): a tar
 * of the home's folders, files (mode and time) and symbolic links, ended by an entry {@value #END}
 * that counts what was sent, so a stream cut short at an entry's boundary is refused, not taken as
 * a smaller home. Blocking: on a blade's I/O executor.
 */
final class MoveStream {
  static final String END = ".dci-move-end";
  private static final int BUFFER = 1 << 20;

  /** What went through: files and their bytes. */
  record Counts(long files, long bytes) {}

  private MoveStream() {}

  /** Writes {@code home} (nothing when it does not exist: an empty home) as a tar to {@code out}. */
  static Counts write(Path home, OutputStream out) throws IOException {
    // tar writes 512-byte records: gathered into 1 MiB writes, since each write to a stream
    // adapter is one element (measured: 14 MB/s unbuffered through Pekko's asOutputStream)
    java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out, BUFFER);
    TarArchiveOutputStream tar = new TarArchiveOutputStream(buffered, BUFFER);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    long[] n = new long[2];
    if (Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
      Files.walkFileTree(home, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) throws IOException {
          if (!dir.equals(home)) {
            put(tar, entry(home, dir, a, TarConstants.LF_DIR), null);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
          if (a.isSymbolicLink()) {
            TarArchiveEntry e = entry(home, f, a, TarConstants.LF_SYMLINK);
            e.setLinkName(Files.readSymbolicLink(f).toString());
            put(tar, e, null);
          } else if (a.isRegularFile()) {
            TarArchiveEntry e = entry(home, f, a, TarConstants.LF_NORMAL);
            e.setSize(a.size());
            put(tar, e, f);
            n[0]++;
            n[1] += a.size();
          }
          return FileVisitResult.CONTINUE;
        }
      });
    }
    byte[] end = (n[0] + " " + n[1]).getBytes(StandardCharsets.US_ASCII);
    TarArchiveEntry e = new TarArchiveEntry(END);
    e.setSize(end.length);
    tar.putArchiveEntry(e);
    tar.write(end);
    tar.closeArchiveEntry();
    tar.finish();
    tar.flush();
    buffered.flush();
    return new Counts(n[0], n[1]);
  }

  private static TarArchiveEntry entry(Path home, Path p, BasicFileAttributes a, byte type) throws IOException {
    String name = home.relativize(p).toString().replace('\\', '/');
    TarArchiveEntry e = new TarArchiveEntry(type == TarConstants.LF_DIR ? name + "/" : name, type);
    e.setModTime(a.lastModifiedTime());
    if (type != TarConstants.LF_SYMLINK) {
      e.setMode(mode(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
    }
    return e;
  }

  private static void put(TarArchiveOutputStream tar, TarArchiveEntry e, Path data) throws IOException {
    tar.putArchiveEntry(e);
    if (data != null) {
      try (InputStream in = Files.newInputStream(data)) {
        long copied = in.transferTo(tar);
        if (copied != e.getSize()) {
          throw new IOException(data + " changed while it was sent (" + copied + " of " + e.getSize() + " bytes)");
        }
      }
    }
    tar.closeArchiveEntry();
  }

  /**
   * Reads a home sent by {@link #write} into {@code into} (an empty folder), no faster than
   * {@code limit}: names are checked (relative, no {@code ..}, never through a link), and the
   * stream must end with its count. Throws on anything else.
   */
  static Counts read(InputStream in, Path into, UploadLimit limit) throws IOException {
    Path root = into.toAbsolutePath().normalize();
    TarArchiveInputStream tar = new TarArchiveInputStream(in, BUFFER, TarConstants.DEFAULT_RCDSIZE,
        StandardCharsets.UTF_8.name(), false);
    byte[] buf = new byte[BUFFER];
    java.util.ArrayDeque<java.util.Map.Entry<Path, TarArchiveEntry>> dirs = new java.util.ArrayDeque<>();
    long files = 0;
    long bytes = 0;
    for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
      if (e.getName().equals(END)) {
        String[] said = new String(tar.readNBytes(64), StandardCharsets.US_ASCII).trim().split(" ");
        if (said.length != 2 || Long.parseLong(said[0]) != files || Long.parseLong(said[1]) != bytes) {
          throw new IOException("the home's stream counted " + String.join(" ", said) + " (files bytes), received "
              + files + " " + bytes);
        }
        while (!dirs.isEmpty()) { // innermost first, once nothing more is written into them
          var d = dirs.pop();
          mode(d.getKey(), d.getValue());
        }
        return new Counts(files, bytes);
      }
      Path p = inside(root, e.getName());
      if (e.isDirectory()) {
        Files.createDirectories(p);
        dirs.push(java.util.Map.entry(p, e));
      } else if (e.isSymbolicLink()) {
        Files.createSymbolicLink(p, Path.of(e.getLinkName()));
      } else if (e.isFile()) {
        long size = 0;
        try (OutputStream out = Files.newOutputStream(p)) {
          for (int r; (r = tar.read(buf)) > 0; ) {
            acquire(limit, r);
            out.write(buf, 0, r);
            size += r;
          }
        }
        if (size != e.getSize()) {
          throw new IOException("the home's stream ended inside " + e.getName());
        }
        mode(p, e);
        files++;
        bytes += size;
      } else {
        throw new IOException("a home holds only folders, files and links, not " + e.getName());
      }
    }
    throw new IOException("the home's stream ended early, after " + files + " files (" + bytes + " bytes)");
  }

  /** {@code name} under {@code root}, refused when it leaves it or goes through a link. */
  private static Path inside(Path root, String name) throws IOException {
    Path p = root.resolve(name).normalize();
    if (name.startsWith("/") || !p.startsWith(root) || p.equals(root)) {
      throw new IOException("a name in the home's stream leaves the home: " + name);
    }
    for (Path q = p.getParent(); !q.equals(root); q = q.getParent()) {
      if (Files.isSymbolicLink(q)) {
        throw new IOException("a name in the home's stream goes through a link: " + name);
      }
    }
    if (!Files.isDirectory(p.getParent(), LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(p.getParent());
    }
    return p;
  }

  private static void acquire(UploadLimit limit, int bytes) throws IOException {
    try {
      limit.acquire(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void mode(Path p, TarArchiveEntry e) throws IOException {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE: bits 8..0
    for (int i = 0; i < all.length; i++) {
      if ((e.getMode() & (1 << (8 - i))) != 0) {
        perms.add(all[i]);
      }
    }
    Files.setPosixFilePermissions(p, perms);
    Files.setLastModifiedTime(p, FileTime.from(e.getModTime().toInstant()));
  }

  private static int mode(Set<PosixFilePermission> perms) {
    int m = 0;
    PosixFilePermission[] all = PosixFilePermission.values();
    for (int i = 0; i < all.length; i++) {
      if (perms.contains(all[i])) {
        m |= 1 << (8 - i);
      }
    }
    return m;
  }
}
