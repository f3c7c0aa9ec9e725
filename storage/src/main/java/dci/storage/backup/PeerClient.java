package dci.storage.backup;

import dci.actors.http.PeerHttp;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.util.ByteString;

/**
 * Calls to other blades' backup stores ({@code /internal/backup/...} on their API ports) through
 * the blade's one client between blades ({@link PeerHttp}: pooled, with the service token and the
 * cluster's TLS). Chunk bytes travel over HTTP, never as Artery messages. Blocking: used from
 * backup jobs on I/O threads, never from an actor; each call waits at most the transfer timeout.
 */
public final class PeerClient {
  /** A peer's catalog of one source: its archives and the ids it has seen forgotten. */
  public record Catalog(List<Archive> archives, List<String> forgotten) {}

  /** What a peer reports of chunks it was asked to verify. */
  public record Verified(List<String> missing, List<String> corrupt) {}

  private final PeerHttp peers;
  private final Duration timeout;
  private final UploadLimit limit;
  private final UploadLimit readLimit;
  private final UploadLimit alsoSend;

  public PeerClient(PeerHttp peers, Duration timeout) {
    this(peers, timeout, UploadLimit.NONE);
  }

  /** As above, sending packs no faster than {@code limit} allows. */
  public PeerClient(PeerHttp peers, Duration timeout, UploadLimit limit) {
    this(peers, timeout, limit, UploadLimit.NONE);
  }

  private PeerClient(PeerHttp peers, Duration timeout, UploadLimit limit, UploadLimit readLimit) {
    this(peers, timeout, limit, readLimit, UploadLimit.NONE);
  }

  private PeerClient(PeerHttp peers, Duration timeout, UploadLimit limit, UploadLimit readLimit, UploadLimit alsoSend) {
    this.peers = peers;
    this.timeout = timeout;
    this.limit = limit;
    this.readLimit = readLimit;
    this.alsoSend = alsoSend;
  }

  /**
   * This client sending packs no faster than {@code send} allows as well as the blade's own
   * limit (a move's bandwidth cap on the backup of its source).
   */
  public PeerClient sendingAlsoAtMost(UploadLimit send) {
    return new PeerClient(peers, timeout, limit, readLimit, send);
  }

  /**
   * This client reading chunks no faster than {@code read} allows, a bucket of its own (a move's
   * bandwidth cap on its restore); NONE: as fast as they come.
   */
  public PeerClient readingAtMost(UploadLimit read) {
    return new PeerClient(peers, timeout, limit, read, alsoSend);
  }

  /** Sends records as one pack (the records' own arrays, not copied into one). */
  public PackStore.Added putPack(String api, List<ChunkRecord> records) throws IOException {
    ByteString body = ByteString.emptyByteString();
    for (ChunkRecord r : records) {
      body = body.concat(ByteString.fromArrayUnsafe(r.header())).concat(ByteString.fromArrayUnsafe(r.stored()));
    }
    try {
      limit.acquire(body.size());
      alsoSend.acquire(body.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return BackupJson.read(send(api, request(api, "/internal/backup/packs").withMethod(HttpMethods.POST)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, body))), PackStore.Added.class);
  }

  public List<String> missing(String api, List<String> hashes) throws IOException {
    return BackupJson.read(send(api, json(api, "/internal/backup/missing", hashes)), BackupJson.STRINGS);
  }

  public Verified verify(String api, List<String> hashes) throws IOException {
    return BackupJson.read(send(api, json(api, "/internal/backup/verify", hashes)), Verified.class);
  }

  /** The records the peer holds among {@code hashes} (as stored; the caller checks them). */
  public List<ChunkRecord> fetch(String api, List<String> hashes) throws IOException {
    try (ChunkStream in = openChunks(api, hashes)) {
      List<ChunkRecord> out = new ArrayList<>();
      ChunkRecord r;
      while ((r = in.next()) != null) {
        out.add(r);
      }
      return out;
    }
  }

  /**
   * The records the peer holds among {@code hashes}, as they arrive, in the order asked (those it
   * lacks left out), each read waiting at most the transfer timeout (see
   * {@link PeerHttp#postForStream} for why this one call is read this way). Close it early to drop the rest.
   */
  public ChunkStream openChunks(String api, List<String> hashes) throws IOException {
    InputStream in = peers.postForStream(api + "/internal/backup/chunks", "application/json",
        BackupJson.write(hashes), timeout);
    return new ChunkStream(new BufferedInputStream(in, 1 << 16), readLimit);
  }

  /** Chunk records streamed from a peer; close it to give the connection back. */
  public static final class ChunkStream implements AutoCloseable {
    private final InputStream in;
    private final UploadLimit limit;

    private ChunkStream(InputStream in, UploadLimit limit) {
      this.in = in;
      this.limit = limit;
    }

    /** The next record (as stored, unchecked), or null at the end; read no faster than the client's read limit. */
    public ChunkRecord next() throws IOException {
      ChunkRecord r = ChunkRecord.readFrom(in);
      if (r != null) {
        try {
          limit.acquire(r.header().length + (long) r.stored().length);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      return r;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  public Catalog catalog(String api, String source) throws IOException {
    return BackupJson.read(send(api, request(api, "/internal/backup/catalogs/" + enc(source))), Catalog.class);
  }

  /** The archive's manifest, or null if that peer does not hold it. */
  public Manifest manifest(String api, String source, String id) throws IOException {
    PeerHttp.Answer a = whole(api, request(api, "/internal/backup/catalogs/" + enc(source) + "/" + enc(id)));
    return a.status() == 404 ? null : BackupJson.read(check(api, a), Manifest.class);
  }

  public void putManifest(String api, Manifest m) throws IOException {
    send(api, request(api, "/internal/backup/catalogs/" + enc(m.archive().blade()) + "/" + enc(m.archive().id()))
        .withMethod(HttpMethods.PUT).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, BackupJson.write(m))));
  }

  public void forget(String api, String source, String id) throws IOException {
    send(api, request(api, "/internal/backup/catalogs/" + enc(source) + "/" + enc(id)).withMethod(HttpMethods.DELETE));
  }

  public PackStore.Collected collect(String api) throws IOException {
    return BackupJson.read(send(api, request(api, "/internal/backup/collect").withMethod(HttpMethods.POST)),
        PackStore.Collected.class);
  }

  private static HttpRequest json(String api, String path, Object body) {
    return request(api, path).withMethod(HttpMethods.POST)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, BackupJson.write(body)));
  }

  private static HttpRequest request(String api, String path) {
    return HttpRequest.create(api + path);
  }

  /** The answer's body, if the peer took the call (2xx); else a failure with what it said. */
  private byte[] send(String api, HttpRequest req) throws IOException {
    return check(api, whole(api, req));
  }

  private PeerHttp.Answer whole(String api, HttpRequest req) throws IOException {
    return await(api, peers.callWhole(req, timeout));
  }

  private static byte[] check(String api, PeerHttp.Answer a) throws IOException {
    if (!a.ok()) {
      throw new IOException("blade at " + api + " answered " + a.status() + ": " + excerpt(a));
    }
    return a.body().toArrayUnsafe();
  }

  private static String excerpt(PeerHttp.Answer a) {
    String text = a.text();
    return text.substring(0, Math.min(300, text.length()));
  }

  /** Waits for a call on this I/O thread, at most the transfer timeout (plus a little for the token). */
  private <T> T await(String api, CompletionStage<T> stage) throws IOException {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause() instanceof java.util.concurrent.CompletionException && e.getCause().getCause() != null
          ? e.getCause().getCause() : e.getCause();
      throw new IOException("blade at " + api + ": " + c.getMessage(), c);
    } catch (TimeoutException e) {
      throw new IOException("blade at " + api + " did not answer within " + timeout.toSeconds() + " s", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
