package dci.storage.vnas;

import dci.actors.http.PeerHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.util.ByteString;

/**
 * Stripe bytes between blades travel over HTTP ({@code /internal/stripes/ID} on each blade's
 * API port), never as Artery messages: a 4 MiB stripe would block Artery's lanes and its
 * heartbeats. Calls carry the blade's service token. Counts the stripe bytes this blade sent
 * to others ({@link #sentBytes}: uploads, replication, repairs), for the swarm figures.
 */
public final class StripeClient {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StripeClient.class);
  /** Outcome of sending a stripe to a blade. */
  public enum PutOutcome { STORED, FULL, FAILED }

  /**
   * Header of the answer to a chained PUT ({@code ?then=B2,B3}): the blades of {@code then} the
   * receiving blade passed the stripe on to and that stored it, comma-separated.
   */
  public static final String STORED_HEADER = "X-DCI-Stored";

  /**
   * Header of the answer to a stripe GET: the CRC-32C of the bytes sent (8 hex digits), so the
   * receiver checks them cheaply instead of hashing them again (the sender checked its copy).
   */
  public static final String CRC_HEADER = "X-DCI-CRC32C";

  /** A stripe as another blade sent it, with the CRC-32C it gave (empty if it gave none). */
  public record Fetched(ByteString bytes, java.util.OptionalInt crc) {}

  /** Outcome of a chained PUT: the receiving blade's own, and those of {@code then} that stored it too. */
  public record ChainOutcome(PutOutcome outcome, List<String> passedOn) {}

  private final ActorSystem<?> system;
  private final PeerHttp peers;
  private final Duration timeout;
  private final AtomicLong sentBytes = new AtomicLong();
  private final AtomicLong sentStripes = new AtomicLong();

  public StripeClient(PeerHttp peers, Duration timeout) {
    this.system = peers.system();
    this.peers = peers;
    this.timeout = timeout;
  }

  public CompletionStage<PutOutcome> put(String api, String hash, ByteString bytes) {
    return put(api, hash, bytes, List.of()).thenApply(ChainOutcome::outcome);
  }

  /**
   * Sends the stripe to that blade, which stores it and passes it on along {@code then}, each
   * blade to the next (pipelined replication: the sender's uplink carries one copy, not r). A
   * blade that ignores {@code then} answers no {@link #STORED_HEADER}: the stripe reached none of them.
   */
  public CompletionStage<ChainOutcome> put(String api, String hash, ByteString bytes, List<String> then) {
    String uri = api + "/internal/stripes/" + hash
        + (then.isEmpty() ? "" : "?then=" + URLEncoder.encode(String.join(",", then), StandardCharsets.UTF_8));
    return call(HttpRequest.create(uri).withMethod(HttpMethods.PUT)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, bytes)))
        .thenCompose(rsp -> answer(rsp, api, hash).thenApply(d -> {
          sentBytes.addAndGet(bytes.size()); // answered: the body went out, whatever the verdict
          sentStripes.incrementAndGet();
          int code = rsp.status().intValue();
          PutOutcome own = code / 100 == 2 ? PutOutcome.STORED : code == 507 ? PutOutcome.FULL : PutOutcome.FAILED;
          List<String> passed = rsp.getHeader(STORED_HEADER)
              .map(h -> Arrays.stream(h.value().split(",")).map(String::trim).filter(then::contains).distinct().toList())
              .orElse(List.of());
          return new ChainOutcome(own, passed);
        }))
        .exceptionally(e -> {
          LOG.warn("could not send stripe {} to {}: {}", hash, api, e.toString());
          return new ChainOutcome(PutOutcome.FAILED, List.of());
        });
  }

  /** Reads the answer's body away; a refusal is logged with the reason the other blade gave. */
  private CompletionStage<?> answer(HttpResponse rsp, String api, String hash) {
    if (rsp.status().isSuccess()) {
      return rsp.discardEntityBytes(system).completionStage();
    }
    return rsp.entity().toStrict(timeout.toMillis(), system).thenApply(e -> {
      LOG.warn("{} refused stripe {}: {} {}", api, hash, rsp.status().intValue(),
          e.getData().take(300).utf8String().strip());
      return e;
    });
  }

  /** Stripe bytes sent to other blades by {@link #put} since this blade started (answered PUTs). */
  public long sentBytes() {
    return sentBytes.get();
  }

  /** Stripes sent to other blades by {@link #put} since this blade started. */
  public long sentStripes() {
    return sentStripes.get();
  }

  /** The stripe's bytes from that blade; fails if it does not have them intact. */
  public CompletionStage<Fetched> get(String api, String hash) {
    return call(HttpRequest.create(api + "/internal/stripes/" + hash))
        .thenCompose(rsp -> {
          if (rsp.status().intValue() != 200) {
            rsp.discardEntityBytes(system);
            return CompletableFuture.failedFuture(
                new IllegalStateException(api + " answered " + rsp.status().intValue() + " for stripe " + hash));
          }
          java.util.OptionalInt crc = rsp.getHeader(CRC_HEADER).map(h -> parseCrc(h.value()))
              .orElse(java.util.OptionalInt.empty());
          return rsp.entity().toStrict(timeout.toMillis(), system).thenApply(e -> new Fetched(e.getData(), crc));
        });
  }

  /**
   * The stripe's bytes from that blade, checked. {@code toStore}: they will be stored (a
   * replica, the local cache), so they are hashed against the id, as everything stored must
   * be; else (bytes only passed on to a reader) the CRC-32C the sender gives is enough: it
   * checked its own copy before sending, and the CRC shows they arrived as sent (hashed when
   * it gives none). Fails with "corrupt copy" if they do not match.
   */
  public CompletionStage<ByteString> getVerified(String api, String hash, boolean toStore) {
    return get(api, hash).thenApply(f -> {
      boolean intact = !toStore && f.crc().isPresent() ? StripeFiles.crc32c(f.bytes()) == f.crc().getAsInt()
          : StripeFiles.sha256(f.bytes()).equals(hash);
      if (!intact) {
        throw new IllegalStateException("corrupt copy of stripe " + hash + " from " + api);
      }
      return f.bytes();
    });
  }

  private static java.util.OptionalInt parseCrc(String v) {
    try {
      return v.length() == 8 ? java.util.OptionalInt.of(Integer.parseUnsignedInt(v, 16)) : java.util.OptionalInt.empty();
    } catch (NumberFormatException e) {
      return java.util.OptionalInt.empty();
    }
  }

  /** Asks that blade to drop its copy. */
  public CompletionStage<Boolean> delete(String api, String hash) {
    return call(HttpRequest.create(api + "/internal/stripes/" + hash).withMethod(HttpMethods.DELETE))
        .thenApply(rsp -> {
          rsp.discardEntityBytes(system);
          return rsp.status().isSuccess();
        })
        .exceptionally(e -> false);
  }

  private CompletionStage<HttpResponse> call(HttpRequest request) {
    return peers.call(request);
  }
}
