package dci.storage.vnas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One blade's stripe store: what it answers for stripes it holds, was given, dropped or never had. */
class StripeStoreTest {
  private static ActorTestKit kit;
  private static VnasIndex index;

  @BeforeAll
  static void start() throws InterruptedException {
    kit = OneBladeCluster.start("stripes",
        "dci.blocking-io-dispatcher { type = Dispatcher, executor = \"thread-pool-executor\", throughput = 1 }");
    index = new VnasIndex(kit.system(), Duration.ofSeconds(3), Duration.ofMillis(500));
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static ByteString bytes(String s) {
    return ByteString.fromString(s, StandardCharsets.UTF_8);
  }

  private static StripeStore.FetchResult fetch(ActorRef<StripeStore.Command> store, String hash) {
    TestProbe<StripeStore.FetchResult> probe = kit.createTestProbe();
    store.tell(new StripeStore.Fetch(hash, probe.ref()));
    return probe.receiveMessage(Duration.ofSeconds(5));
  }

  @Test
  void aStripeOnDiskAtStartOrStoredSinceIsFoundAndOneNeverStoredOrDroppedIsMissing(@TempDir Path dir) throws Exception {
    StripeFiles files = new StripeFiles(dir);
    ByteString old = bytes("on disk before the store started");
    String oldHash = StripeFiles.sha256(old);
    files.write(oldHash, old.asByteBuffer());
    ActorRef<StripeStore.Command> store = kit.spawn(StripeStore.create(
        new StripeStore.Settings("blade-1", "http://127.0.0.1:1", "dc1", 1 << 20, Duration.ofMinutes(1)), files, index));

    TestProbe<StripeStore.Inventory> inv = kit.createTestProbe();
    long deadline = System.currentTimeMillis() + 5_000;
    boolean listed = false;
    while (!listed && System.currentTimeMillis() < deadline) {
      store.tell(new StripeStore.GetInventory(inv.ref()));
      listed = inv.receiveMessage().stripes().containsKey(oldHash);
    }
    assertThat(listed).as("the stripes on disk are listed at start").isTrue();
    assertThat(fetch(store, oldHash)).isInstanceOf(StripeStore.Found.class);

    ByteString fresh = bytes("stored through the store");
    String freshHash = StripeFiles.sha256(fresh);
    assertThat(fetch(store, freshHash)).as("never stored").isEqualTo(new StripeStore.Missing(freshHash));
    TestProbe<StripeStore.StoreResult> stored = kit.createTestProbe();
    store.tell(new StripeStore.Store(freshHash, fresh, stored.ref()));
    assertThat(stored.receiveMessage(Duration.ofSeconds(5))).isEqualTo(new StripeStore.Stored(freshHash));
    StripeStore.FetchResult got = fetch(store, freshHash);
    assertThat(got).as("read right after its store was answered").isInstanceOf(StripeStore.Found.class);
    assertThat(((StripeStore.Found) got).bytes()).isEqualTo(fresh);

    TestProbe<org.apache.pekko.Done> dropped = kit.createTestProbe();
    store.tell(new StripeStore.Drop(freshHash, dropped.ref()));
    dropped.receiveMessage(Duration.ofSeconds(5));
    assertThat(fetch(store, freshHash)).as("dropped").isEqualTo(new StripeStore.Missing(freshHash));
  }
}
