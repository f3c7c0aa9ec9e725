package dci.app.packages;

import dci.protocol.pkg.PackageException;
import dci.storage.vnas.VnasEntry;
import dci.storage.vnas.VnasPath;
import dci.storage.vnas.VnasVolume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.javadsl.FileIO;
import org.apache.pekko.util.ByteString;

/**
 * Brings a published package file from the VNAS to {@code DATA/packages/.incoming/}: its
 * stripes come from whichever blades hold them (this blade's own disk first), several at a
 * time, each checked against its content hash; the whole file is then checked against the
 * SHA-256 it was published with. The file is written on the blocking-I/O dispatcher.
 */
final class PackageFetch {
  static final String DISPATCHER = "dci.blocking-io-dispatcher";

  private final ActorSystem<?> system;
  private final VnasVolume volume;
  private final Path incoming;
  private final Executor io;

  PackageFetch(ActorSystem<?> system, VnasVolume volume, Path incoming, Executor io) {
    this.system = system;
    this.volume = volume;
    this.incoming = incoming;
    this.io = io;
  }

  /** Downloads {@code info}'s file; the caller deletes it when done. */
  CompletionStage<Path> download(PackageInfo info) {
    VnasPath path = VnasPath.parse(info.vnasPath());
    return volume.stat(path).thenCompose(found -> {
      if (found.isEmpty() || found.get().collection()) {
        throw new PackageException(info.name() + " " + info.version() + " is announced but its file " + path
            + " is missing from the VNAS: publish it again");
      }
      VnasEntry e = found.get();
      if (e.size() != info.size()) {
        throw new PackageException(path + " has " + e.size() + " bytes, but " + info.size()
            + " were published: the file was changed on the VNAS; publish it again");
      }
      Path file = incoming.resolve(info.name() + "-" + info.version() + "-" + UUID.randomUUID() + ".dcipkg");
      MessageDigest digest = sha256();
      return CompletableFuture.runAsync(() -> mkdirs(incoming), io)
          .thenCompose(v -> volume.read(e, 0, e.size())
              .map(b -> {
                digest.update(b.asByteBuffer());
                return b;
              })
              .runWith(FileIO.<ByteString>toPath(file).withAttributes(ActorAttributes.dispatcher(DISPATCHER)), system))
          .handle((done, failure) -> {
            String sha = HexFormat.of().formatHex(digest.digest());
            if (failure != null || !sha.equals(info.sha256())) {
              delete(file);
              if (failure != null) {
                throw new PackageException("download of " + path + " failed: " + rootMessage(failure), failure);
              }
              throw new PackageException(path + " is not the file that was published (its SHA-256 differs): refused");
            }
            return file;
          });
    });
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // left for the next start's clean-up of .incoming
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t
        && (t instanceof java.util.concurrent.CompletionException || t.getMessage() == null)) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
