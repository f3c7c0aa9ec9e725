package dci.storage.backup;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.storage.backup.BackupJson;
import dci.storage.backup.BackupStore;
import dci.storage.backup.CatalogStore;
import dci.storage.backup.ChunkRecord;
import dci.storage.backup.CorruptChunkException;
import dci.storage.backup.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A blade's backup store as other blades reach it, under {@code /internal/backup/} (service
 * token, admin role): packs of chunks in, chunks out (streamed), catalogs per source blade,
 * verification and garbage collection. Every body is checked before anything is stored.
 */
final class BackupPeerRoutes extends AllDirectives {
  private static final long MAX_PACK = 64L * 1024 * 1024;
  private static final long MAX_MANIFEST = 256L * 1024 * 1024;
  private static final long MAX_LIST = 16L * 1024 * 1024;
  private static final long BODY_MILLIS = 120_000;
  /** About how many bytes of chunk records are read per blocking call when sending chunks. */
  private static final long READ_BYTES = 1L << 20;
  private final Gate api;
  private final ActorSystem<?> system;
  private final BackupStore store;
  private final Executor io;

  BackupPeerRoutes(FeatureContext c, Backup backup) {
    this.api = c.gate();
    this.system = c.system();
    this.store = backup.store();
    this.io = backup.io();
  }

  /** Blocking store work, on the I/O dispatcher. */
  private interface Io<T> {
    T run() throws IOException;
  }

  private <T> CompletionStage<T> io(Io<T> work) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return work.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, io);
  }

  /** Blocking store work answering a request: bad input (a name, an id, a body) answers 400. */
  private CompletionStage<HttpResponse> answer(Io<HttpResponse> work) {
    return io(work).exceptionally(BackupPeerRoutes::refusal);
  }

  Route routes() {
    return pathPrefix(PathMatchers.segment("internal").slash("backup"), () -> concat(
        path("packs", () -> post(() -> body(MAX_PACK, bytes -> io(() ->
            Responses.ok(store.packs().add(bytes.toArray())))))),
        path("missing", () -> post(() -> body(MAX_LIST, bytes -> hashes(bytes).thenCompose(h -> io(() ->
            Responses.ok(store.packs().missing(h))))))),
        path("verify", () -> post(() -> body(MAX_LIST, bytes -> hashes(bytes).thenCompose(h -> io(() ->
            Responses.ok(store.packs().verify(h))))))),
        path("chunks", () -> post(() -> body(MAX_LIST, bytes -> hashes(bytes).thenApply(this::chunks)))),
        path("collect", () -> post(() -> api.authorizedInternal(who -> answer(() -> Responses.ok(store.collect()))))),
        path("stats", () -> get(() -> api.authorizedInternal(who -> answer(() -> Responses.ok(store.stats()))))),
        path(PathMatchers.segment("catalogs").slash(PathMatchers.segment()), source ->
            get(() -> api.authorizedInternal(who -> answer(() -> Responses.ok(store.catalog(source)))))),
        path(PathMatchers.segment("catalogs").slash(PathMatchers.segment()).slash(PathMatchers.segment()),
            (source, id) -> concat(
                get(() -> api.authorizedInternal(who -> answer(() -> {
                  Manifest m = store.catalogs().get(source, id);
                  return m == null ? Responses.error(StatusCodes.NOT_FOUND, "archive " + id + " of " + source
                      + " is not held here") : Responses.ok(m);
                }))),
                put(() -> body(MAX_MANIFEST, bytes -> io(() -> {
                  Manifest m = BackupJson.read(bytes.toArray(), Manifest.class);
                  if (m.archive() == null || !source.equals(m.archive().blade()) || !id.equals(m.archive().id())) {
                    return Responses.badRequest("the manifest does not match " + source + "/" + id);
                  }
                  store.catalogs().put(m);
                  return Responses.ok(m.archive());
                }))),
                delete(() -> api.authorizedInternal(who -> answer(() -> {
                  store.catalogs().forget(source, CatalogStore.requireId(id));
                  return HttpResponse.create().withStatus(StatusCodes.NO_CONTENT);
                })))))));
  }

  /** Authorizes, then reads a body of at most {@code limit} bytes; bad input answers 400. */
  private Route body(long limit, java.util.function.Function<ByteString, CompletionStage<HttpResponse>> inner) {
    return extractRequestEntity(entity -> api.authorizedInternal(who ->
        entity.withSizeLimit(limit).toStrict(BODY_MILLIS, limit, system)
            .thenCompose(strict -> inner.apply(strict.getData()))
            .exceptionally(BackupPeerRoutes::refusal)));
  }

  private static HttpResponse refusal(Throwable t) {
    Throwable c = t;
    while ((c instanceof java.util.concurrent.CompletionException || c instanceof UncheckedIOException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof IllegalArgumentException || c instanceof CorruptChunkException || c instanceof IOException) {
      return Responses.badRequest(c.getMessage());
    }
    if (c instanceof org.apache.pekko.http.scaladsl.model.EntityStreamSizeException) {
      return Responses.error(StatusCodes.PAYLOAD_TOO_LARGE, "body too large");
    }
    throw new java.util.concurrent.CompletionException(c);
  }

  private static CompletionStage<List<String>> hashes(ByteString bytes) {
    try {
      List<String> h = BackupJson.read(bytes.toArray(), new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {});
      for (String s : h) {
        if (!ChunkRecord.isHash(s)) {
          throw new IllegalArgumentException("a chunk id is 64 lower-case hex digits");
        }
      }
      return CompletableFuture.completedFuture(h);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The records held here among {@code hashes}, streamed one by one as they are read. */
  private HttpResponse chunks(List<String> hashes) {
    // about 1 MiB of records per blocking read (one pass over their packs), the next read under
    // way while one is sent; in the order asked (a restoring blade writes them as they come)
    Source<ByteString, ?> records = Source.from(hashes)
        .groupedWeighted(READ_BYTES, h -> (long) store.packs().recordSize(h)).mapAsync(2, group -> io(() -> {
      ByteString out = ByteString.emptyByteString();
      for (byte[] r : store.packs().readRecords(group)) {
        out = out.concat(ByteString.fromArrayUnsafe(r));
      }
      return out;
    }).exceptionally(e -> ByteString.emptyByteString())).filter(b -> !b.isEmpty());
    HttpEntity.Chunked entity = HttpEntities.createChunked(ContentTypes.APPLICATION_OCTET_STREAM, records);
    return HttpResponse.create().withEntity(entity);
  }
}
