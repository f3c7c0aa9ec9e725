package dci.app.install;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Deleting and copying directory trees without following symbolic links. */
final class Trees {
  private Trees() {}

  /**
   * Deletes {@code p} and everything under it; links are removed, never followed. Directories a
   * step made read-only are made writable first, so a rollback cannot be blocked by a mode step.
   */
  static void delete(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      ownerCanWrite(p);
      try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
        for (Path c : children) {
          delete(c);
        }
      }
    }
    Files.delete(p);
  }

  /** Copies the tree {@code src} to {@code dst} (which must not exist), links as links. */
  static void copy(Path src, Path dst) throws IOException {
    Files.walkFileTree(src, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectory(dst.resolve(src.relativize(dir)));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
          Files.copy(file, dst.resolve(src.relativize(file)), LinkOption.NOFOLLOW_LINKS,
              StandardCopyOption.COPY_ATTRIBUTES);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        PosixFileAttributeView from = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        PosixFileAttributeView to = Files.getFileAttributeView(dst.resolve(src.relativize(dir)),
            PosixFileAttributeView.class);
        if (from != null && to != null) {
          to.setPermissions(from.readAttributes().permissions());
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Sets the permission bits (0 to 0777) of {@code p}; false where POSIX modes do not exist. */
  static boolean setMode(Path p, int mode) throws IOException {
    PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (v == null) {
      return false;
    }
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_EXECUTE};
    for (int i = 0; i < order.length; i++) {
      if ((mode & (0400 >> i)) != 0) {
        perms.add(order[i]);
      }
    }
    v.setPermissions(perms);
    return true;
  }

  private static void ownerCanWrite(Path dir) {
    PosixFileAttributeView v = Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (v == null) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = EnumSet.copyOf(v.readAttributes().permissions());
      if (perms.addAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE))) {
        v.setPermissions(perms);
      }
    } catch (IOException | IllegalArgumentException e) {
      // the delete that follows reports the real problem
    }
  }
}
