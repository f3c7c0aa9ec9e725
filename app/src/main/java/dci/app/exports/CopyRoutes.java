package dci.app.exports;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.PeerHttp;
import dci.actors.http.Responses;
import dci.protocol.auth.Role;
import dci.protocol.fs.CopyRequest;
import dci.storage.vnas.VnasPath;
import dci.storage.webdav.DavHref;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.FileIO;

/**
 * {@code POST /api/fs/copy} (operators): one file from a blade's export or the VNAS to another
 * blade's export or the VNAS, streamed between blades. The target blade pulls the file with the
 * caller's own token (from the source blade's {@code /api/fs/read}, or from the VNAS's WebDAV);
 * a file going to the VNAS is put there by the blade holding it. The caller's machine carries
 * none of the bytes.
 */
final class CopyRoutes extends AllDirectives {
  private static final Duration ERROR_READ = Duration.ofSeconds(10);
  private final Gate api;
  private final Forward forward;
  private final ExportPaths paths;
  private final FileSink sink;
  private final PeerHttp peers;
  private final Executor io;

  CopyRoutes(FeatureContext c, Forward forward, ExportPaths paths, FileSink sink) {
    this.api = c.gate();
    this.forward = forward;
    this.paths = paths;
    this.sink = sink;
    this.peers = c.peers();
    this.io = c.io();
  }

  Route routes() {
    // the body is read whole first: a request passed on to another blade sends it again
    return path("copy", () -> post(() -> api.authorize(Role.OPERATOR, who -> withSizeLimit(Forward.MAX_JSON, () ->
        toStrictEntity(Forward.STRICT, () -> api.json(CopyRequest.class, req -> headerValueByName("Authorization", auth -> {
          if (req.from() == null || req.to() == null) {
            return complete(Responses.badRequest("from and to are required"));
          }
          if (req.toBlade() != null) {
            return forward.onBlade(req.toBlade(), () -> completeWithFuture(pull(req, auth).exceptionally(FsErrors::of)));
          }
          if (req.fromBlade() != null) {
            return forward.onBlade(req.fromBlade(), () -> completeWithFuture(push(req, auth)
                .exceptionally(FsErrors::of)));
          }
          return complete(Responses.badRequest("a copy within the VNAS is a WebDAV COPY on /vnas/"));
        })))))));
  }

  /** On the target blade: reads the source over HTTP into the target file. */
  private CompletionStage<HttpResponse> pull(CopyRequest req, String auth) {
    CompletionStage<String> source = req.fromBlade() == null
        ? forward.apiOf(forward.self()).thenApply(api -> api + dav(req.from()))
        : forward.apiOf(req.fromBlade()).thenApply(api -> api + "/api/fs/read?blade=" + enc(req.fromBlade())
            + "&path=" + enc(req.from()));
    return CompletableFuture.supplyAsync(() -> resolveWritable(req.to()), io).thenCompose(target ->
        source.thenCompose(url -> peers.send(HttpRequest.GET(url).addHeader(RawHeader.create("Authorization", auth))))
            .thenCompose(rsp -> {
              if (rsp.status().intValue() != 200) {
                return refused(rsp, req.from());
              }
              return sink.store(target, rsp.entity().withoutSizeLimit().getDataBytes());
            }));
  }

  /** On the blade holding the source: puts the file onto the VNAS through this blade's WebDAV. */
  private CompletionStage<HttpResponse> push(CopyRequest req, String auth) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        ExportPaths.Resolved p = paths.resolve(req.from());
        return Map.entry(p, ExportFiles.fileSize(p));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, io).thenCompose(src -> forward.apiOf(forward.self()).thenCompose(api -> peers.send(
        HttpRequest.PUT(api + dav(req.to())).addHeader(RawHeader.create("Authorization", auth))
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, src.getValue(),
                FileIO.fromPath(src.getKey().file()))))
        .thenCompose(rsp -> rsp.status().isSuccess()
            ? rsp.discardEntityBytes(peers.system()).completionStage()
                .thenApply(d -> Responses.ok(Map.of("path", req.to(), "size", src.getValue())))
            : refused(rsp, req.to()))));
  }

  private ExportPaths.Resolved resolveWritable(String path) {
    try {
      ExportPaths.Resolved p = paths.resolve(path);
      FsRoutes.writable(p);
      return p;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A peer's refusal, passed on with its status and reason. */
  private CompletionStage<HttpResponse> refused(HttpResponse rsp, String path) {
    return peers.whole(rsp, ERROR_READ).thenApply(a -> {
      String why = a.text().isBlank() ? "HTTP " + a.status() : a.text().strip();
      try {
        var node = dci.protocol.Json.mapper().readTree(why);
        if (node != null && node.hasNonNull("error")) {
          why = node.get("error").asText();
        }
      } catch (IOException notJson) {
        // the text as it is
      }
      throw new FsErrors.Failed(a.status(), path + ": " + why);
    });
  }

  private static String dav(String vnasPath) {
    return DavHref.of(VnasPath.parse(vnasPath), false);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
