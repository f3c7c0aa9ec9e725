package dci.storage.vnas;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * The volume of a one-blade cluster ("blade-1"), built as {@link Vnas#start} builds it but
 * without a blade guardian: a stripe store, the index and the volume over them, with the
 * defaults of the modules' {@code reference.conf} under those a test gives. Ready (its store
 * known to the index) when handed out.
 */
public final class OneBladeVolume implements AutoCloseable {
  private final ActorTestKit kit;
  private final VnasVolume volume;

  private OneBladeVolume(ActorTestKit kit, VnasVolume volume) {
    this.kit = kit;
    this.volume = volume;
  }

  /** {@code vnas}: settings under {@code dci.vnas}, e.g. {@code "stripe-size = 64KiB"}. */
  public static OneBladeVolume start(String name, Path dir, String vnas) throws InterruptedException {
    ActorTestKit kit = OneBladeCluster.start(name, """
        pekko.cluster.roles = ["dci-name:blade-1"]
        dci.blocking-io-dispatcher { type = Dispatcher, executor = "thread-pool-executor", throughput = 1 }
        """);
    VnasSettings settings = VnasSettings.fromConfig(ConfigFactory.parseString(
            "dci.storage.contribute = 1GiB\ndci.vnas {\n" + vnas + "\n}")
        .withFallback(ConfigFactory.defaultReference())
        .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true)));
    Executor io = kit.system().dispatchers().lookup(DispatcherSelector.fromConfig("dci.blocking-io-dispatcher"));
    VnasIndex index = new VnasIndex(kit.system(), settings.writeTimeout(), settings.indexSettle());
    var store = kit.spawn(StripeStore.create(new StripeStore.Settings("blade-1", "http://127.0.0.1:1", "default",
        settings.contribute(), Duration.ofMillis(200)), StripeFiles.uncached(dir.resolve("stripes")), index), "vnas-store");
    // no other blade: stripes never travel, so the client's token source is never asked
    StripeClient client = new StripeClient(new dci.actors.http.PeerHttp(kit.system(),
        () -> java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("no other blade"))),
        settings.transferTimeout());
    Stripes stripes = new Stripes(kit.system(), "blade-1", store, client, index, new LiveBlades(kit.system()),
        new StripeCache(dir.resolve("cache"), settings.cacheSize(), io), settings.transferTimeout());
    VnasVolume volume = new VnasVolume(kit.system(), index, stripes, settings, new HotFiles(stripes, 0, java.time.Duration.ofMinutes(10)));
    kit.createTestProbe().awaitAssert(Duration.ofSeconds(20), () -> {
      assertThat(index.stores().toCompletableFuture().join()).containsKey("blade-1");
      return null;
    });
    return new OneBladeVolume(kit, volume);
  }

  public ActorTestKit kit() {
    return kit;
  }

  public VnasVolume volume() {
    return volume;
  }

  @Override
  public void close() {
    kit.shutdownTestKit();
  }
}
