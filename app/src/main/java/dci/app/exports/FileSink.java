package dci.app.exports;

import dci.actors.http.Responses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.javadsl.FileIO;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * Writes a stream of bytes to a file of an export: into a hidden part file beside it, moved in
 * place once whole (a reader never sees half a file; a failed transfer leaves the old one).
 */
final class FileSink {
  private final ActorSystem<?> system;
  private final Executor io;

  FileSink(ActorSystem<?> system, Executor io) {
    this.system = system;
    this.io = io;
  }

  CompletionStage<HttpResponse> store(ExportPaths.Resolved p, Source<ByteString, ?> bytes) {
    if (p.isRoot() || Files.isDirectory(p.file())) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "refused: " + p.file().getFileName() + " is a folder"));
    }
    Path target = p.file();
    Path part = target.resolveSibling(".dci-part-" + java.util.UUID.randomUUID());
    return bytes.runWith(FileIO.toPath(part), system).thenApplyAsync(done -> {
      try {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Responses.ok(ExportFiles.entry(target));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, io).whenComplete((r, e) -> {
      if (e != null) {
        try {
          Files.deleteIfExists(part);
        } catch (IOException ignored) {
          // nothing more to do
        }
      }
    });
  }
}
