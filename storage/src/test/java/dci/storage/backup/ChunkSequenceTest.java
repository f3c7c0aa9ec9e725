package dci.storage.backup;

import dci.actors.http.PeerHttp;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore's chunk sequence over real HTTP: chunks come in the order asked from one peer's
 * stream; what that peer lacks or damages comes from the next holder without asking it again,
 * and a stream that breaks or strays from the order is dropped for the next holder.
 */
class ChunkSequenceTest {
  @TempDir Path dir;
  private final List<HttpServer> servers = new ArrayList<>();
  private static final ActorTestKit KIT = ActorTestKit.create();
  private final PeerClient client = new PeerClient(
      new PeerHttp(KIT.system(), () -> CompletableFuture.completedFuture("token")), Duration.ofSeconds(10));

  @AfterAll
  static void shutDown() {
    KIT.shutdownTestKit();
  }

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  private static ChunkRecord chunk(int seed, int size) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return ChunkRecord.of(b, 0, size);
  }

  private static byte[] bytes(List<byte[]> records) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    records.forEach(body::writeBytes);
    return body.toByteArray();
  }

  /**
   * A peer answering /internal/backup/chunks from a store; its first answer's bytes pass
   * through {@code first}; {@code requests} counts the requests it gets.
   */
  private PeerRef peer(String name, PackStore store, UnaryOperator<byte[]> first, AtomicInteger requests)
      throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext("/internal/backup/chunks", ex -> {
      List<String> asked = BackupJson.read(ex.getRequestBody().readAllBytes(), BackupJson.STRINGS);
      byte[] body = bytes(store.readRecords(asked));
      byte[] out = requests.getAndIncrement() == 0 ? first.apply(body) : body;
      ex.sendResponseHeaders(200, 0);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(out);
      }
    });
    s.start();
    servers.add(s);
    return new PeerRef(name, "http://127.0.0.1:" + s.getAddress().getPort());
  }

  private PeerRef peer(String name, PackStore store) throws IOException {
    return peer(name, store, UnaryOperator.identity(), new AtomicInteger());
  }

  private PackStore store(String name, ChunkRecord... rs) throws IOException {
    PackStore st = new PackStore(dir.resolve(name));
    for (ChunkRecord r : rs) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      r.writeTo(b);
      st.add(b.toByteArray());
    }
    return st;
  }

  private static void assertReadsInOrder(ChunkFetcher f, List<ChunkRecord> rs) throws IOException {
    try (ChunkSequence seq = f.sequence(rs.stream().map(ChunkRecord::hash).toList(), h -> 100_000)) {
      for (int i = 0; i < rs.size(); i++) {
        assertThat(seq.next(rs.get(i).hash())).as("chunk %d", i).isEqualTo(rs.get(i).plain());
      }
    }
  }

  @Test
  void chunksComeInTheOrderAskedAndWhatTheStreamingPeerLacksComesFromTheNextWithoutAskingItAgain()
      throws IOException {
    ChunkRecord a = chunk(1, 70_000);
    ChunkRecord b = chunk(2, 3_000);
    ChunkRecord c = chunk(3, 200_000);
    ChunkRecord d = chunk(4, 10);
    ChunkRecord e = chunk(5, 9_000);
    AtomicInteger firstAsked = new AtomicInteger();
    AtomicInteger secondAsked = new AtomicInteger();
    PeerRef first = peer("blade-1", store("s1", c, e), UnaryOperator.identity(), firstAsked);
    PeerRef second = peer("blade-2", store("s2", a, b, c, d, e), UnaryOperator.identity(), secondAsked);
    ChunkFetcher f = new ChunkFetcher(client, List.of(first, second));

    assertReadsInOrder(f, List.of(c, b, a, d, e));

    assertThat(firstAsked).as("the streaming peer is asked once").hasValue(1);
    assertThat(secondAsked).as("b, a and d, which it lacks, in one group").hasValue(1);
    assertThat(f.problems()).isEmpty();
  }

  @Test
  void aDamagedChunkAndAStreamCutShortAreTakenFromTheNextPeerAndBothReported() throws IOException {
    ChunkRecord a = chunk(5, 50_000);
    ChunkRecord b = chunk(6, 60_000);
    ChunkRecord c = chunk(7, 70_000);
    PackStore all = store("s3", a, b, c);
    int cut = a.size() + b.size() / 2;
    PeerRef damaging = peer("blade-1", all, body -> {
      byte[] out = java.util.Arrays.copyOf(body, cut);   // the stream ends inside b
      out[ChunkRecord.HEADER + 100] ^= 1;                 // and a is damaged
      return out;
    }, new AtomicInteger());
    PeerRef good = peer("blade-2", all);
    ChunkFetcher f = new ChunkFetcher(client, List.of(damaging, good));

    assertReadsInOrder(f, List.of(a, b, c));

    String problems = String.join("; ", f.problems());
    assertThat(problems).contains("blade-1: chunk " + a.hash().substring(0, 12) + " is corrupt").contains("does not match its hash");
    assertThat(f.problems()).as(problems).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aStreamSendingAChunkOutOfOrderIsDroppedAndTheRestComeFromTheNextPeer() throws IOException {
    ChunkRecord a = chunk(8, 20_000);
    ChunkRecord b = chunk(9, 30_000);
    ChunkRecord c = chunk(10, 40_000);
    PackStore all = store("s5", a, b, c);
    byte[] abc = bytes(all.readRecords(List.of(a.hash(), b.hash(), c.hash())));
    PeerRef straying = peer("blade-1", all, body -> abc, new AtomicInteger());  // asked b, a, c
    PeerRef good = peer("blade-2", all);
    ChunkFetcher f = new ChunkFetcher(client, List.of(straying, good));

    assertReadsInOrder(f, List.of(b, a, c));

    assertThat(String.join("; ", f.problems())).contains("blade-1: sent chunk " + b.hash().substring(0, 12));
  }

  @Test
  void aChunkNoPeerHoldsIsAClearErrorAndAskingOutOfOrderIsRefused() throws IOException {
    ChunkRecord a = chunk(11, 1_000);
    ChunkRecord lost = chunk(12, 1_000);
    PeerRef only = peer("blade-1", store("s4", a));
    ChunkFetcher f = new ChunkFetcher(client, List.of(only));
    try (ChunkSequence seq = f.sequence(List.of(a.hash(), lost.hash()), h -> 1_000)) {
      assertThatThrownBy(() -> seq.next(lost.hash())).isInstanceOf(IllegalStateException.class);
      assertThat(seq.next(a.hash())).isEqualTo(a.plain());
      assertThatThrownBy(() -> seq.next(lost.hash())).isInstanceOf(BackupException.class)
          .hasMessageContaining("on no reachable peer");
    }
  }
}
