package dci.app.packages;

import dci.actors.feature.FeatureContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.typesafe.config.Config;
import dci.actors.Blade;
import dci.actors.router.Router;
import dci.app.install.InstalledPackage;
import dci.app.install.Installer;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import dci.storage.vnas.Vnas;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Software installation on one blade (issue 7): the catalog of published packages and trusted
 * keys, this blade's installer under {@code DATA/packages/}, what it follows, the peerlets its
 * packages ship, the install peerlet {@code dci.install}, and the publisher the API uses.
 * Package files live on the VNAS under {@link #VNAS_ROOT}.
 */
public final class Packages {
  private static final Logger LOG = LoggerFactory.getLogger(Packages.class);
  /** The VNAS folder of published package files: {@code /.packages/NAME/VERSION.dcipkg}. */
  public static final String VNAS_ROOT = "/.packages";
  /** How long after this blade is Up it catches up with what it follows. */
  private static final java.time.Duration SETTLE = java.time.Duration.ofSeconds(2);

  private final PackagesSettings settings;
  private final PackageCatalog catalog;
  private final Publisher publisher;
  private final Installer installer;
  private final dci.app.install.Services services;

  private Packages(PackagesSettings settings, PackageCatalog catalog, Publisher publisher, Installer installer,
      dci.app.install.Services services) {
    this.settings = settings;
    this.catalog = catalog;
    this.publisher = publisher;
    this.installer = installer;
    this.services = services;
  }

  /**
   * Starts installation on this blade, after its VNAS: tidies what a crash left in the staging
   * area, registers the peerlets of installed packages and the install peerlet, and (if the blade
   * follows packages) asks that peerlet to catch up with what was published meanwhile. The file
   * work runs on the blocking-I/O executor.
   */
  public static CompletionStage<Packages> start(FeatureContext c, Vnas vnas) {
    return CompletableFuture.supplyAsync(() -> start(c.system(), c.parts(), c.config(), vnas), c.io());
  }

  private static Packages start(ActorSystem<Blade.Command> system, Blade.Parts parts, Config config, Vnas vnas) {
    PackagesSettings settings = PackagesSettings.fromConfig(config);
    String blade = parts.settings().name();
    Path root = parts.settings().dataDir().resolve("packages");
    Path incoming = root.resolve(".incoming");
    Installer installer = new Installer(root, settings.limits());
    List<String> recovered = installer.recover();
    recovered.forEach(r -> LOG.info("{}: installer recovery: {}", blade, r));
    clean(incoming);
    Follows follows = Follows.load(root.resolve("follows.json"));
    PeerletLoader peerlets = new PeerletLoader(parts.registry(),
        appType -> parts.peerlets().tell(new dci.actors.peerlet.PeerletManager.Retire(appType)));
    for (InstalledPackage p : installer.list()) {
      if (p.manifest().peerlet() != null) {
        try {
          peerlets.load(p);
        } catch (RuntimeException e) {
          LOG.warn("{}: the peerlet of installed package {} did not load: {}", blade, p.manifest().id(), e.getMessage());
        }
      }
    }
    Executor io = system.dispatchers().lookup(DispatcherSelector.fromConfig(PackageFetch.DISPATCHER));
    PackageCatalog catalog = new PackageCatalog(system, settings);
    PackageFetch fetch = new PackageFetch(system, vnas.volume(), incoming, io);
    dci.app.install.Services services = new dci.app.install.Services();
    installer.list().forEach(services::start);
    system.getWhenTerminated().thenRun(services::close);
    InstallWork work = new InstallWork(blade, installer, catalog, fetch, follows, peerlets, services, io);
    parts.registry().register(InstallPeerlet.type(work, follows, settings.followCheck()));
    Publisher publisher = new Publisher(system, vnas.volume(), catalog, incoming, settings, io, parts.router(), blade);
    if (!follows.names().isEmpty()) {
      catchUpOnceUp(system, parts, blade);
    }
    return new Packages(settings, catalog, publisher, installer, services);
  }

  /**
   * Once this blade is Up (and has had a moment to meet the others' replicas), asks its install
   * peerlet to bring what it follows to the newest published versions: what was published while
   * the blade was down is not in its own copy of the catalog yet, a majority has it.
   */
  private static void catchUpOnceUp(ActorSystem<Blade.Command> system, Blade.Parts parts, String blade) {
    Sender me = new Sender(blade, null, null);
    Envelope poke = new Envelope(null, InstallPeerlet.APP, null, me, Recipients.blade(blade), null, null, null, null,
        null, new InstallRequest("catch-up", null, null, true).payload());
    org.apache.pekko.cluster.Cluster.get(system.classicSystem()).registerOnMemberUp(() ->
        system.scheduler().scheduleOnce(SETTLE, () -> parts.router().tell(new Router.Send(poke, null, null)),
            system.executionContext()));
  }

  public PackagesSettings settings() {
    return settings;
  }

  public PackageCatalog catalog() {
    return catalog;
  }

  public Publisher publisher() {
    return publisher;
  }

  /** The packages installed on this blade (blocking: reads their records). */
  public List<InstalledPackage> installed() {
    return installer.list();
  }

  /** The services of this blade's installed packages. */
  public dci.app.install.Services services() {
    return services;
  }

  /** Deletes what unfinished uploads and downloads left in {@code .incoming}. */
  private static void clean(Path incoming) {
    if (!Files.isDirectory(incoming)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming)) {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      LOG.warn("cannot clean {}: {}", incoming, e.getMessage());
    }
  }
}
