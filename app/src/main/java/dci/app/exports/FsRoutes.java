package dci.app.exports;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.protocol.auth.Role;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.FileIO;

/**
 * {@code /api/fs/*?blade=B&path=/EXPORT/...}: the files of blade B's exports, served by B (any
 * other blade passes the request on, {@link Forward}). Viewers list, stat and read; operators
 * write, make folders, move and remove, never in a read-only export. Nothing outside an export
 * is reached ({@link ExportPaths}).
 */
final class FsRoutes extends AllDirectives {
  private final Gate api;
  private final Forward forward;
  private final ExportPaths paths;
  private final Executor io;
  private final CopyRoutes copy;
  private final FileSink sink;

  FsRoutes(FeatureContext c, Forward forward, ExportPaths paths) {
    this.api = c.gate();
    this.forward = forward;
    this.paths = paths;
    this.io = c.io();
    this.sink = new FileSink(c.system(), c.io());
    this.copy = new CopyRoutes(c, forward, paths, sink);
  }

  Route routes() {
    return pathPrefix("fs", () -> concat(
        path("list", () -> get(() -> read(this::list))),
        path("stat", () -> get(() -> read(p -> ioAnswer(() -> Responses.ok(ExportFiles.entry(p.file())))))),
        path("read", () -> get(() -> read(this::content))),
        path("write", () -> put(() -> withoutSizeLimit(() -> extractRequestEntity(entity ->
            write(p -> sink.store(p, entity.getDataBytes())))))),
        path("mkdir", () -> post(() -> write(p -> ioAnswer(() -> Responses.ok(ExportFiles.mkdir(p)))))),
        path("remove", () -> delete(() -> parameterOptional("recursive", rec -> write(p -> ioAnswer(() -> {
          ExportFiles.remove(p, rec.map(Boolean::parseBoolean).orElse(false));
          return Responses.ok(Map.of("removed", true));
        }))))),
        path("move", () -> post(() -> parameter("to", to -> write(p -> ioAnswer(() -> {
          ExportPaths.Resolved target = paths.resolve(to);
          writable(target);
          ExportFiles.move(p, target);
          return Responses.ok(Map.of("moved", true));
        }))))),
        copy.routes()));
  }

  /** A viewer's request on {@code ?blade=B&path=P}, on B. */
  private Route read(java.util.function.Function<ExportPaths.Resolved, CompletionStage<HttpResponse>> inner) {
    return api.authorize(Role.VIEWER, who -> on(inner));
  }

  /** An operator's request on {@code ?blade=B&path=P}, on B, in an export that is not read-only. */
  private Route write(java.util.function.Function<ExportPaths.Resolved, CompletionStage<HttpResponse>> inner) {
    return api.authorize(Role.OPERATOR, who -> on(p -> {
      try {
        writable(p);
      } catch (SecurityException e) {
        return CompletableFuture.completedFuture(FsErrors.of(e));
      }
      return inner.apply(p);
    }));
  }

  private Route on(java.util.function.Function<ExportPaths.Resolved, CompletionStage<HttpResponse>> inner) {
    return parameter("blade", blade -> parameter("path", path -> forward.onBlade(blade, () ->
        completeWithFuture(CompletableFuture.supplyAsync(() -> resolve(path), io)
            .thenCompose(inner).exceptionally(FsErrors::of)))));
  }

  private ExportPaths.Resolved resolve(String path) {
    try {
      return paths.resolve(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void writable(ExportPaths.Resolved p) {
    if (p.export().readOnly()) {
      throw new SecurityException("refused: the export " + p.export().name() + " of " + p.export().blade()
          + " is read-only");
    }
  }

  private CompletionStage<HttpResponse> list(ExportPaths.Resolved p) {
    return ioAnswer(() -> Responses.ok(ExportFiles.list(p)));
  }

  private CompletionStage<HttpResponse> content(ExportPaths.Resolved p) {
    return ioAnswer(() -> {
      long size = ExportFiles.fileSize(p);
      return HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, size,
          FileIO.fromPath(p.file())));
    });
  }

  /** Blocking file work on the I/O executor. */
  interface IoAnswer {
    HttpResponse get() throws IOException;
  }

  private CompletionStage<HttpResponse> ioAnswer(IoAnswer work) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return work.get();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, io);
  }
}
