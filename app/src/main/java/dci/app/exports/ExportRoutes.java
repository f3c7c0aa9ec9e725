package dci.app.exports;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.protocol.auth.Role;
import dci.protocol.fs.ExportSpec;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/exports}: {@code GET ?blade=B} lists B's exports (viewers); {@code POST} an
 * {@link ExportSpec} adds one and {@code DELETE ?blade=B&name=N} removes one (admins: an export
 * opens a folder of the blade's disk to the cluster's users). Each blade keeps its own; any
 * blade serves them (passed on to B).
 */
final class ExportRoutes extends AllDirectives {
  private final Gate api;
  private final Forward forward;
  private final ExportBook book;
  private final Executor io;

  ExportRoutes(FeatureContext c, Forward forward, ExportBook book) {
    this.api = c.gate();
    this.forward = forward;
    this.book = book;
    this.io = c.io();
  }

  Route routes() {
    return path("exports", () -> concat(
        get(() -> api.authorize(Role.VIEWER, who -> parameter("blade", blade -> forward.onBlade(blade, () ->
            completeWithFuture(CompletableFuture.supplyAsync(() -> Responses.ok(book.all()), io)
                .exceptionally(FsErrors::of)))))),
        post(() -> api.authorize(Role.ADMIN, who -> withSizeLimit(Forward.MAX_JSON, () ->
            toStrictEntity(Forward.STRICT, () -> api.json(ExportSpec.class, spec -> {
          if (spec.blade() == null || spec.name() == null || spec.path() == null) {
            return complete(Responses.badRequest("blade, name and path are required"));
          }
          return forward.onBlade(spec.blade(), () -> completeWithFuture(CompletableFuture.supplyAsync(() ->
              Responses.ok(book.add(spec.name(), spec.path(), spec.readOnly())), io).exceptionally(FsErrors::of)));
        }))))),
        delete(() -> api.authorize(Role.ADMIN, who -> parameter("blade", blade -> parameter("name", name ->
            forward.onBlade(blade, () -> completeWithFuture(CompletableFuture.supplyAsync(() -> book.remove(name)
                ? Responses.ok(Map.of("removed", name))
                : FsErrors.of(new java.nio.file.NoSuchFileException("no export named '"
                    + dci.protocol.auth.Names.printable(name) + "' on " + blade)), io)
                .exceptionally(FsErrors::of)))))))));
  }
}
