package dci.storage.vnas;

import com.typesafe.config.Config;
import dci.actors.Blade;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

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

  /** Starts the volume's actors on the blade {@code system}; blocks until they are spawned. */
  public static Vnas start(ActorSystem<Blade.Command> system, Blade.Parts parts, Config config) {
    VnasSettings settings = VnasSettings.fromConfig(config);
    var blade = parts.settings();
    Path root = blade.dataDir().resolve("vnas");
    Executor io = system.dispatchers().lookup(DispatcherSelector.fromConfig("dci.blocking-io-dispatcher"));
    VnasIndex index = new VnasIndex(system, settings.writeTimeout(), settings.indexSettle());
    LiveBlades live = new LiveBlades(system);
    String api = dci.actors.ApiAddress.url(blade, config);
    ActorRef<StripeStore.Command> store = spawn(system, StripeStore.create(
        new StripeStore.Settings(blade.name(), api, blade.dataCenter(), settings.contribute(),
            settings.publishInterval()),
        StripeFiles.uncached(root.resolve("stripes")), index), "vnas-store");
    StripeClient client = new StripeClient(system, new ServiceTokens(system, parts.users()),
        settings.transferTimeout());
    Stripes stripes = new Stripes(system, blade.name(), store, client, index, live,
        new StripeCache(root.resolve("cache"), settings.cacheSize(), io), settings.transferTimeout());
    HotFiles hot = new HotFiles(stripes, settings.hotReads());
    VnasVolume volume = new VnasVolume(system, index, stripes, settings, hot);
    ActorRef<Keeper.Command> keeper = spawn(system, Keeper.create(volume, store, hot, live), "vnas-keeper");
    return new Vnas(volume, store, keeper, live);
  }

  private static <T> ActorRef<T> spawn(ActorSystem<Blade.Command> system,
      org.apache.pekko.actor.typed.Behavior<T> behavior, String name) {
    return Blade.spawnPart(system, behavior, name);
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
