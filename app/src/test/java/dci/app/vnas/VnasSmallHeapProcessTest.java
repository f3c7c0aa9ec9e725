package dci.app.vnas;

import static org.assertj.core.api.Assertions.assertThat;

import dci.app.node.NodeProcesses;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Writes stream: a file well over twice a blade's heap is PUT through one blade process and
 * read back through the other (r = 2: every stripe on both), both blades running with
 * {@code -Xmx128m}. Neither could hold the file; both stay up and the bytes come back the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VnasSmallHeapProcessTest {
  private static final long SIZE = 320L << 20;
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private NodeProcesses blades;

  @BeforeAll
  void startTwoSmallBlades() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "vnas-heap-");
    blades = new NodeProcesses(dir).heap("128m");
    blades.startAndAwait("blade-1", 90);
    blades.startAndAwait("blade-2", 90);
    blades.awaitAllUp("blade-1", 120);
  }

  @AfterAll
  void stop() throws Exception {
    blades.close();
    blades.deleteData();
  }

  /** {@code SIZE} bytes from a seeded generator, hashed as they are handed out. */
  private static final class Generated extends InputStream {
    private final Random random = new Random(11);
    private final MessageDigest digest = sha256();
    private final byte[] block = new byte[64 * 1024];
    private long left = SIZE;

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(Math.min(len, block.length), left);
      random.nextBytes(block);
      System.arraycopy(block, 0, b, off, n);
      digest.update(b, off, n);
      left -= n;
      return n;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder dav(String blade, String path) {
    return HttpRequest.newBuilder(URI.create(blades.node(blade).url() + "/vnas" + path))
        .header("Authorization", "Bearer " + blades.token()).timeout(Duration.ofMinutes(3));
  }

  @Test
  void aFileOfTwiceTheHeapIsWrittenThroughOneBladeAndReadThroughTheOther() throws Exception {
    assertThat(CLIENT.send(dav("blade-1", "/big/").method("MKCOL", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(201);
    Generated source = new Generated();
    HttpResponse<String> put = CLIENT.send(dav("blade-1", "/big/file.bin")
        .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> source), SIZE))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    String sent = HexFormat.of().formatHex(source.digest.digest());

    HttpResponse<InputStream> get = CLIENT.send(dav("blade-2", "/big/file.bin").GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(get.statusCode()).isEqualTo(200);
    MessageDigest back = sha256();
    long got = 0;
    try (InputStream in = get.body()) {
      byte[] buf = new byte[256 * 1024];
      for (int n; (n = in.read(buf)) > 0; got += n) {
        back.update(buf, 0, n);
      }
    }
    assertThat(got).isEqualTo(SIZE);
    assertThat(HexFormat.of().formatHex(back.digest())).isEqualTo(sent);
    assertThat(blades.alive("blade-1") && blades.alive("blade-2")).as("both blades still up\n" + blades.tails()).isTrue();
    // every stripe is on both blades: the read through blade-2 did not need blade-1's heap either
    var stat = blades.ok("blade-2", "GET", "/api/vnas/stat?path=/big/file.bin", null);
    assertThat(stat.get("stripes")).hasSize((int) (SIZE / (4 << 20)));
    stat.get("stripes").forEach(s -> assertThat(s.get("blades")).hasSize(2));
  }
}
