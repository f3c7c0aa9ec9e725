package dci.storage.vnas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mount point's disk cache: bounded, checked on every hit, a rotten copy dropped and fetched anew. */
class StripeCacheTest {
  @TempDir
  Path dir;
  private final ExecutorService io = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    io.shutdownNow();
  }

  private static ByteString stripe(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return ByteString.fromArrayUnsafe(b);
  }

  private static String id(ByteString b) {
    return StripeFiles.sha256(b.asByteBuffer());
  }

  private Optional<ByteString> get(StripeCache cache, String id) throws Exception {
    return cache.get(id).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private void settle() throws Exception {
    io.submit(() -> { }).get(5, TimeUnit.SECONDS); // puts run on the I/O executor, in order
  }

  @Test
  void aCopyIsServedUntilItRotsThenDroppedAndKeptAgainOnTheNextPut() throws Exception {
    StripeCache cache = new StripeCache(dir, 1 << 20, io);
    ByteString b = stripe(50_000, 1);
    String id = id(b);
    cache.put(id, b);
    settle();
    assertThat(get(cache, id)).contains(b);

    Path file = new StripeFiles(dir).pathOf(id);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {(byte) (b.apply(10) ^ 1)}), 10);
    }
    assertThat(get(cache, id)).as("a flipped byte is caught by the recorded CRC").isEmpty();
    assertThat(Files.exists(file)).as("the rotten copy is deleted").isFalse();

    cache.put(id, b);
    settle();
    assertThat(get(cache, id)).contains(b);
  }

  @Test
  void theLeastRecentlyUsedCopiesGoFirstWhenFull() throws Exception {
    StripeCache cache = new StripeCache(dir, 250_000, io);
    ByteString a = stripe(100_000, 2);
    ByteString b = stripe(100_000, 3);
    ByteString c = stripe(100_000, 4);
    cache.put(id(a), a);
    cache.put(id(b), b);
    settle();
    assertThat(get(cache, id(a))).contains(a); // a is now the more recently used
    cache.put(id(c), c);
    settle();
    assertThat(cache.bytes()).isLessThanOrEqualTo(250_000);
    assertThat(get(cache, id(b))).isEmpty();
    assertThat(get(cache, id(a))).contains(a);
    assertThat(get(cache, id(c))).contains(c);
  }
}
