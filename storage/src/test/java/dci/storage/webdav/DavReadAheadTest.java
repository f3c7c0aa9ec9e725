package dci.storage.webdav;

import static org.assertj.core.api.Assertions.assertThat;

import dci.storage.vnas.ReadAheadBudget;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GETs through the mount point share one read-ahead budget (here 3 stripes of 64 KiB): many
 * at once stay within it and all get their bytes, one finding none left still completes, and
 * a client that goes away mid-file gives back what its GET held.
 */
class DavReadAheadTest {
  private static final long BUDGET = 192 * 1024;
  private static DavServer dav;
  private static ReadAheadBudget budget;
  private static TestProbe<Object> waiter;
  private static final List<byte[]> files = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    dav = DavServer.start("dav-reads", Files.createTempDirectory("dav-reads"),
        "stripe-size = 64KiB\nread-ahead-budget = " + BUDGET);
    budget = dav.blade().volume().readAhead();
    waiter = dav.blade().kit().createTestProbe();
    for (int k = 0; k < 4; k++) {
      byte[] b = new byte[1_000_000 + k]; // 16 stripes
      new Random(k).nextBytes(b);
      files.add(b);
      assertThat(put("/f" + k + ".bin", b)).isEqualTo(201);
    }
  }

  @AfterAll
  static void stop() {
    dav.close();
  }

  private static int put(String path, byte[] body) throws Exception {
    return DavServer.CLIENT.send(dav.request("alice", "PUT", path, body).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static CompletableFuture<HttpResponse<byte[]>> get(String path) {
    return DavServer.CLIENT.sendAsync(dav.request("vera", "GET", path, null).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void await(Runnable assertion) {
    waiter.awaitAssert(Duration.ofSeconds(20), () -> {
      assertion.run();
      return null;
    });
  }

  @Test
  void manyGetsAtOnceHoldAtMostTheBudgetAheadAndAllGetTheirBytes() {
    List<CompletableFuture<HttpResponse<byte[]>>> gets = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      gets.add(get("/f" + (i % 4) + ".bin"));
    }
    for (int i = 0; i < gets.size(); i++) {
      HttpResponse<byte[]> r = gets.get(i).join();
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).as("GET " + i).isEqualTo(files.get(i % 4));
    }
    assertThat(budget.peak()).as("stripes were fetched ahead, within the budget").isPositive()
        .isLessThanOrEqualTo(BUDGET);
    await(() -> assertThat(budget.used()).as("all given back").isZero());
  }

  @Test
  void aGetFindingTheBudgetTakenStillCompletesAndAClientGoneMidFileGivesItsShareBack() throws Exception {
    byte[] big = new byte[16 << 20]; // 256 stripes: more than the sockets between hold
    new Random(9).nextBytes(big);
    assertThat(put("/big.bin", big)).isEqualTo(201);
    try (Socket s = new Socket("127.0.0.1", dav.uri("/").getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(("GET /vnas/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer vera\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
      // the client reads no more: its GET stalls holding the whole budget ahead
      await(() -> assertThat(budget.used()).isEqualTo(BUDGET));

      HttpResponse<byte[]> other = get("/f1.bin").join();
      assertThat(other.body()).as("a GET with no budget left goes on a stripe at a time").isEqualTo(files.get(1));
      assertThat(budget.used()).as("the stalled GET still holds its share").isPositive();
    } // the client goes away
    await(() -> assertThat(budget.used()).as("the stalled GET's share given back").isZero());
    assertThat(budget.peak()).isLessThanOrEqualTo(BUDGET);
  }
}
