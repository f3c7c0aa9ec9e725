package dci.storage.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Calls to other blades' backup stores ({@code /internal/backup/...} on their API ports) with
 * this blade's service token. Chunk bytes travel over HTTP, never as Artery messages.
 * Blocking: used from backup jobs on I/O threads, never from an actor.
 */
public final class PeerClient {
  /** A peer's catalog of one source: its archives and the ids it has seen forgotten. */
  public record Catalog(List<Archive> archives, List<String> forgotten) {}

  /** What a peer reports of chunks it was asked to verify. */
  public record Verified(List<String> missing, List<String> corrupt) {}

  private final HttpClient http;
  private final Supplier<String> token;
  private final Duration timeout;
  private final UploadLimit limit;

  /** {@code token} gives a current service token (it may block briefly). */
  public PeerClient(Supplier<String> token, Duration timeout) {
    this(token, timeout, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  }

  /** As above, calling through {@code http} (the blade's client that trusts the cluster CA). */
  public PeerClient(Supplier<String> token, Duration timeout, HttpClient http) {
    this(token, timeout, http, UploadLimit.NONE);
  }

  /** As above, sending packs no faster than {@code limit} allows. */
  public PeerClient(Supplier<String> token, Duration timeout, HttpClient http, UploadLimit limit) {
    this.limit = limit;
    this.http = http;
    this.token = token;
    this.timeout = timeout;
  }

  /** Sends records as one pack (written from the records' own arrays, not copied into one). */
  public PackStore.Added putPack(String api, List<ChunkRecord> records) throws IOException {
    List<byte[]> parts = new ArrayList<>(records.size() * 2);
    long bytes = 0;
    for (ChunkRecord r : records) {
      parts.add(r.header());
      parts.add(r.stored());
      bytes += r.header().length + r.stored().length;
    }
    try {
      limit.acquire(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return BackupJson.read(send(request(api, "/internal/backup/packs")
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArrays(parts))), PackStore.Added.class);
  }

  public List<String> missing(String api, List<String> hashes) throws IOException {
    return BackupJson.read(send(json(api, "/internal/backup/missing", hashes)), BackupJson.STRINGS);
  }

  public Verified verify(String api, List<String> hashes) throws IOException {
    return BackupJson.read(send(json(api, "/internal/backup/verify", hashes)), Verified.class);
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
   * The records the peer holds among {@code hashes}, as they arrive, in the order asked (those
   * it lacks left out). Read with {@link HttpURLConnection}: for a blocking reader of a long
   * streamed body it costs about half the CPU of {@code HttpClient}'s {@code ofInputStream},
   * which hands the body over through a queue of small buffers and a selector thread.
   */
  public ChunkStream openChunks(String api, List<String> hashes) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(api + "/internal/backup/chunks").toURL()
        .openConnection(java.net.Proxy.NO_PROXY);
    c.setRequestMethod("POST");
    c.setConnectTimeout(5_000);
    c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    c.setUseCaches(false);
    c.setRequestProperty("Authorization", "Bearer " + token.get());
    c.setRequestProperty("Content-Type", "application/json");
    c.setDoOutput(true);
    // the list is sent whole before the answer is read; HttpURLConnection has no write timeout,
    // but a list of chunks of one batch fits the socket buffers
    byte[] body = BackupJson.write(hashes);
    c.setFixedLengthStreamingMode(body.length);
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    }
    int status = c.getResponseCode();
    if (status != 200) {
      try (InputStream err = c.getErrorStream()) {
        if (err != null) {
          err.readAllBytes();
        }
      }
      throw new IOException(api + " answered " + status + " for chunks");
    }
    return new ChunkStream(new BufferedInputStream(c.getInputStream(), 1 << 16));
  }

  /** Chunk records streamed from a peer; close it to give the connection back. */
  public static final class ChunkStream implements AutoCloseable {
    private final InputStream in;

    private ChunkStream(InputStream in) {
      this.in = in;
    }

    /** The next record (as stored, unchecked), or null at the end. */
    public ChunkRecord next() throws IOException {
      return ChunkRecord.readFrom(in);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  public Catalog catalog(String api, String source) throws IOException {
    return BackupJson.read(send(request(api, "/internal/backup/catalogs/" + enc(source)).GET()), Catalog.class);
  }

  /** The archive's manifest, or null if that peer does not hold it. */
  public Manifest manifest(String api, String source, String id) throws IOException {
    HttpResponse<byte[]> rsp = exchange(request(api, "/internal/backup/catalogs/" + enc(source) + "/" + enc(id))
        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (rsp.statusCode() == 404) {
      return null;
    }
    return BackupJson.read(check(api, rsp), Manifest.class);
  }

  public void putManifest(String api, Manifest m) throws IOException {
    send(request(api, "/internal/backup/catalogs/" + enc(m.archive().blade()) + "/" + enc(m.archive().id()))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(BackupJson.write(m))));
  }

  public void forget(String api, String source, String id) throws IOException {
    send(request(api, "/internal/backup/catalogs/" + enc(source) + "/" + enc(id)).DELETE());
  }

  public PackStore.Collected collect(String api) throws IOException {
    return BackupJson.read(send(request(api, "/internal/backup/collect")
        .POST(HttpRequest.BodyPublishers.noBody())), PackStore.Collected.class);
  }

  public Map<?, ?> stats(String api) throws IOException {
    return BackupJson.read(send(request(api, "/internal/backup/stats").GET()), Map.class);
  }

  private HttpRequest.Builder json(String api, String path, Object body) {
    return request(api, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(BackupJson.write(body)));
  }

  private HttpRequest.Builder request(String api, String path) {
    return HttpRequest.newBuilder(URI.create(api + path)).timeout(timeout)
        .header("Authorization", "Bearer " + token.get());
  }

  private byte[] send(HttpRequest.Builder b) throws IOException {
    HttpRequest req = b.build();
    return check(req.uri().getAuthority(), exchange(req, HttpResponse.BodyHandlers.ofByteArray()));
  }

  private static byte[] check(String who, HttpResponse<byte[]> rsp) throws IOException {
    if (rsp.statusCode() / 100 != 2) {
      String body = new String(rsp.body(), StandardCharsets.UTF_8);
      throw new IOException("blade at " + who + " answered " + rsp.statusCode() + ": "
          + body.substring(0, Math.min(300, body.length())));
    }
    return rsp.body();
  }

  private <T> HttpResponse<T> exchange(HttpRequest req, HttpResponse.BodyHandler<T> handler) throws IOException {
    try {
      return http.send(req, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Waits on a token stage for up to 15 s (for the {@code token} supplier). */
  public static String await(java.util.concurrent.CompletionStage<String> stage) {
    try {
      return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new UncheckedIOException(new IOException("no service token: " + e.getMessage(), e));
    }
  }
}
