package dci.storage.vnas;

import dci.actors.feature.FeatureContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import java.nio.file.Path;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The volume's parts on one blade: its stripe store and keeper (actors, children of the
 * blade's guardian), and the services the WebDAV mount point and the API use. Data lives
 * under {@code DATA/vnas/} ({@code stripes/} owned, {@code cache/} read-through copies).
 */
public final class Vnas {
  private final VnasVolume volume;
  private final ActorRef<StripeStore.Command> store;
  private final ActorRef<Keeper.Command> keeper;
  private final LiveBlades live;

  private Vnas(VnasVolume volume, ActorRef<StripeStore.Command> store, ActorRef<Keeper.Command> keeper,
      LiveBlades live) {
    this.volume = volume;
    this.store = store;
    this.keeper = keeper;
    this.live = live;
  }

  /** Starts the volume's actors on the blade of {@code c}; completes once they are spawned. */
  public static CompletionStage<Vnas> start(FeatureContext c) {
    VnasSettings settings = VnasSettings.fromConfig(c.config());
    var blade = c.parts().settings();
    Path root = blade.dataDir().resolve("vnas");
    ActorSystem<?> system = c.system();
    VnasIndex index = new VnasIndex(system, settings.writeTimeout(), settings.indexSettle());
    CompletionStage<?> holder = CompletableFuture.completedFuture(null);
    String where = c.config().getString("dci.vnas.index");
    if (!where.equals("sharded") && !where.equals("replicated")) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "dci.vnas.index must be \"replicated\" or \"sharded\", not \"" + where + "\""));
    }
    if (where.equals("sharded")) {
      holder = shardEntries(c, index, root, settings.replicas());
    }
    LiveBlades live = new LiveBlades(system);
    String api = dci.actors.ApiAddress.url(blade, c.config());
    StripeClient client = new StripeClient(c.peers(), settings.transferTimeout());
    return holder.thenCompose(h -> c.spawn(StripeStore.create(
        new StripeStore.Settings(blade.name(), api, blade.dataCenter(), settings.contribute(),
            settings.publishInterval()),
        StripeFiles.uncached(root.resolve("stripes")), index), "vnas-store").thenCompose(store -> {
          Stripes stripes = new Stripes(system, blade.name(), store, client, index, live,
              new StripeCache(root.resolve("cache"), settings.cacheSize(), c.io()), settings.transferTimeout());
          HotFiles hot = new HotFiles(stripes, settings.hotReads(), c.config().hasPath("dci.vnas.hot-half-life")
              ? c.config().getDuration("dci.vnas.hot-half-life") : java.time.Duration.ofMinutes(10));
          VnasVolume volume = new VnasVolume(system, index, stripes, settings, hot);
          return c.spawn(Keeper.create(volume, store, hot, live), "vnas-keeper")
              .thenApply(keeper -> new Vnas(volume, store, keeper, live));
        }));
  }

  /**
   * Keeps the volume's entries in the blades' index holders ({@code dci.vnas.index = sharded}):
   * this blade's share in {@code DATA/vnas/index.mv}, each row on {@code r} blades.
   */
  private static CompletionStage<?> shardEntries(FeatureContext c, VnasIndex index, Path root, int r) {
    try {
      java.nio.file.Files.createDirectories(root);
    } catch (java.io.IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    IndexStore store = IndexStore.open(root.resolve("index.mv"), 16, c.io());
    org.apache.pekko.actor.CoordinatedShutdown.get(c.system()).addTask(
        org.apache.pekko.actor.CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "vnas-index-close", () -> {
          store.close();
          return CompletableFuture.completedFuture(org.apache.pekko.Done.getInstance());
        });
    HolderRoster roster = HolderRoster.start(c.system(), r, VnasLocks.ROLE);
    ShardedIndex sharded = new ShardedIndex(c.system(), roster, index::settled);
    index.shardEntries(sharded);
    IndexMigration.start(c.system(), index, sharded, java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30));
    return c.spawn(IndexHolder.create(store, c.io(), roster, java.time.Duration.ofSeconds(10)), IndexHolder.NAME);
  }

  public VnasVolume volume() {
    return volume;
  }

  public ActorRef<StripeStore.Command> store() {
    return store;
  }

  public ActorRef<Keeper.Command> keeper() {
    return keeper;
  }

  public LiveBlades live() {
    return live;
  }
}
