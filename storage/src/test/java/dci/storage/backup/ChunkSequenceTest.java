package dci.storage.backup;

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
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore's chunk sequence over real HTTP: chunks come in the order asked from one peer's
 * stream, and what that peer lacks, damages or never sends because its stream broke comes from
 * the next holder.
 */
class ChunkSequenceTest {
  @TempDir Path dir;
  private final List<HttpServer> servers = new ArrayList<>();
  private final PeerClient client = new PeerClient(() -> "token", Duration.ofSeconds(10));

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  private static ChunkRecord chunk(int seed, int size) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return ChunkRecord.of(b, 0, size);
  }

  /** A peer answering /internal/backup/chunks from a store, its answer bytes passed through {@code mangle}. */
  private PeerRef peer(String name, PackStore store, UnaryOperator<byte[]> mangle) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext("/internal/backup/chunks", ex -> {
      List<String> asked = BackupJson.read(ex.getRequestBody().readAllBytes(), BackupJson.STRINGS);
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (byte[] r : store.readRecords(asked)) {
        body.write(r);
      }
      byte[] out = mangle.apply(body.toByteArray());
      ex.sendResponseHeaders(200, 0);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(out);
      }
    });
    s.start();
    servers.add(s);
    return new PeerRef(name, "http://127.0.0.1:" + s.getAddress().getPort());
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

  private static List<byte[]> readAll(ChunkFetcher f, List<ChunkRecord> rs) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (ChunkSequence seq = f.sequence(rs.stream().map(ChunkRecord::hash).toList())) {
      for (ChunkRecord r : rs) {
        out.add(seq.next(r.hash()));
      }
    }
    return out;
  }

  @Test
  void chunksComeInTheOrderAskedAndWhatTheFirstPeerLacksComesFromTheNext() throws IOException {
    ChunkRecord a = chunk(1, 70_000);
    ChunkRecord b = chunk(2, 3_000);
    ChunkRecord c = chunk(3, 200_000);
    ChunkRecord d = chunk(4, 10);
    PeerRef first = peer("blade-1", store("s1", a, c), UnaryOperator.identity());
    PeerRef second = peer("blade-2", store("s2", a, b, c, d), UnaryOperator.identity());
    ChunkFetcher f = new ChunkFetcher(client, List.of(first, second));

    List<ChunkRecord> order = List.of(c, b, a, d);
    List<byte[]> got = readAll(f, order);

    for (int i = 0; i < order.size(); i++) {
      assertThat(got.get(i)).as("chunk %d", i).isEqualTo(order.get(i).plain());
    }
    assertThat(f.problems()).isEmpty();
  }

  @Test
  void aDamagedChunkAndAStreamCutShortAreTakenFromTheNextPeerAndReported() throws IOException {
    ChunkRecord a = chunk(5, 50_000);
    ChunkRecord b = chunk(6, 60_000);
    ChunkRecord c = chunk(7, 70_000);
    PackStore all = store("s3", a, b, c);
    int cut = a.size() + b.size() / 2;
    PeerRef damaging = peer("blade-1", all, body -> {
      byte[] out = java.util.Arrays.copyOf(body, cut);   // the stream ends inside b
      out[ChunkRecord.HEADER + 100] ^= 1;                 // and a is damaged
      return out;
    });
    PeerRef good = peer("blade-2", all, UnaryOperator.identity());
    ChunkFetcher f = new ChunkFetcher(client, List.of(damaging, good));

    List<byte[]> got = readAll(f, List.of(a, b, c));

    assertThat(got.get(0)).isEqualTo(a.plain());
    assertThat(got.get(1)).isEqualTo(b.plain());
    assertThat(got.get(2)).isEqualTo(c.plain());
    assertThat(String.join("; ", f.problems())).contains("blade-1").contains("does not match its hash");
  }

  @Test
  void aChunkNoPeerHoldsIsAClearErrorAndAskingOutOfOrderIsRefused() throws IOException {
    ChunkRecord a = chunk(8, 1_000);
    ChunkRecord lost = chunk(9, 1_000);
    PeerRef only = peer("blade-1", store("s4", a), UnaryOperator.identity());
    ChunkFetcher f = new ChunkFetcher(client, List.of(only));
    try (ChunkSequence seq = f.sequence(List.of(a.hash(), lost.hash()))) {
      assertThatThrownBy(() -> seq.next(lost.hash())).isInstanceOf(IllegalStateException.class);
      assertThat(seq.next(a.hash())).isEqualTo(a.plain());
      assertThatThrownBy(() -> seq.next(lost.hash())).isInstanceOf(BackupException.class)
          .hasMessageContaining("on no reachable peer");
    }
  }
}
