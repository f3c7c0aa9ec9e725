package dci.app.node;

import com.typesafe.config.Config;
import dci.actors.ApiAddress;
import dci.actors.Blade;
import dci.actors.tls.BladeTls;
import dci.actors.tls.TlsBootstrap;
import org.apache.pekko.http.javadsl.ConnectionContext;
import dci.actors.BladeSettings;
import dci.actors.DciConfig;
import dci.actors.auth.UserRegistry;
import dci.actors.directory.Directory;
import dci.actors.peerlet.PeerletRegistry;
import dci.app.http.ApiRoutes;
import dci.protocol.envelope.EnvelopeLimits;
import dci.actors.auth.LoginThrottle;
import dci.protocol.BladeInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.settings.ParserSettings;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import dci.storage.vnas.Vnas;
import dci.storage.webdav.DavRoutes;

/**
 * One running blade: its ActorSystem (a cluster member on Artery) and its HTTP API. Used by
 * {@code dci node} (one per process), {@code dci cage} (several per process) and tests.
 */
public final class BladeNode implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem<Blade.Command> system;
  private final Blade.Parts parts;
  private final ServerBinding binding;
  private final Duration askTimeout;
  private final UserRegistry.BootstrapResult bootstrap;
  private final Vnas vnas;
  private final dci.storage.backup.Backup backup;
  private final Body body;
  private final boolean https;

  private BladeNode(ActorSystem<Blade.Command> system, Blade.Parts parts, ServerBinding binding, Duration askTimeout,
      UserRegistry.BootstrapResult bootstrap, Vnas vnas, dci.storage.backup.Backup backup, Body body, boolean https) {
    this.https = https;
    this.body = body;
    this.vnas = vnas;
    this.backup = backup;
    this.system = system;
    this.parts = parts;
    this.binding = binding;
    this.askTimeout = askTimeout;
    this.bootstrap = bootstrap;
  }

  /**
   * Starts a blade and its API; returns once the API listens. Fails with a clear message
   * when a port is taken.
   */
  public static BladeNode start(BladeSettings settings, Config base) {
    return start(settings, base, defaultRegistry());
  }

  /** The peerlet types every blade runs. */
  public static PeerletRegistry defaultRegistry() {
    return dci.app.peerlets.BuiltinPeerlets.registry();
  }

  /** Starts a blade running the peerlet types of {@code registry}. */
  public static BladeNode start(BladeSettings settings, Config base, PeerletRegistry registry) {
    return start(settings, base, registry, null);
  }

  /**
   * Starts a blade; if it forms a new cluster and {@code adminPasswordFile} is given, the admin
   * user is created (password written to that file) before the API starts answering, so a
   * client that sees the API up also finds the password file.
   */
  public static BladeNode start(BladeSettings settings, Config base, PeerletRegistry registry,
      Path adminPasswordFile) {
    return start(settings, base, registry, adminPasswordFile, java.time.Clock.systemDefaultZone());
  }

  /** As above, with {@code clock} deciding when backup schedules fire (tests pass their own). */
  public static BladeNode start(BladeSettings settings, Config base, PeerletRegistry registry,
      Path adminPasswordFile, java.time.Clock clock) {
    Config config = DciConfig.forBlade(settings, base);
    boolean https;
    try {
      PrivateData.ensure(settings.dataDir());
      TlsBootstrap.prepare(settings);
      https = ApiAddress.https(settings, config);
    } catch (RuntimeException e) {
      throw new IllegalStateException("blade " + settings.name() + " cannot start: " + rootMessage(e), e);
    }
    ActorSystem<Blade.Command> system;
    try {
      // each blade its own copy: packages install peerlets on one blade only, even in a shared JVM
      system = ActorSystem.create(Blade.create(settings, config, registry.copy()), BladeSettings.SYSTEM_NAME, config);
    } catch (RuntimeException e) {
      throw new IllegalStateException("blade " + settings.name() + " cannot start on "
          + settings.host() + ":" + settings.port() + ": " + rootMessage(e), e);
    }
    try {
      BladeTls tls = BladeTls.live(settings.dataDir()).orElseThrow(() ->
          new IllegalStateException("the blade's TLS did not start (pekko.remote.artery.transport must be tls-tcp)"));
      // blade-to-blade HTTPS (stripes, backups, desks, probes) trusts the cluster CA and nothing else
      Http.get(system).setDefaultClientHttpsContext(ConnectionContext.httpsClient(tls.context()));
      Duration askTimeout = config.getDuration("dci.http.ask-timeout");
      Blade.Parts parts = await(AskPattern.ask(system, Blade.GetParts::new, START_TIMEOUT, system.scheduler()));
      UserRegistry.BootstrapResult bootstrap = adminPasswordFile != null && settings.formsCluster()
          ? ensureAdmin(system, parts, adminPasswordFile) : null;
      Vnas vnas = Vnas.start(system, parts, config);
      dci.storage.backup.Backup backup = dci.storage.backup.Backup.start(system, parts, config, clock);
      Body body = Body.start(system, parts, config, backup);
      dci.app.packages.Packages packages = dci.app.packages.Packages.start(system, parts, config, vnas);
      ApiRoutes routes = new ApiRoutes(system, parts, LoginThrottle.fromConfig(config), askTimeout,
          new EnvelopeLimits((int) config.getBytes("dci.envelope.max-bytes").longValue(),
              config.getInt("dci.envelope.max-depth")), vnas, backup, body, packages);
      ServerSettings server = ServerSettings.create(system.classicSystem()).withParserSettings(
          ParserSettings.forServer(system.classicSystem()).withCustomMethods(DavRoutes.METHODS.toArray(HttpMethod[]::new)));
      ServerBinding binding;
      try {
        var at = Http.get(system).newServerAt(settings.httpHost(), settings.httpPort()).withSettings(server);
        if (https) {
          TlsBootstrap.requireHttpsName(tls.credentials(), settings.httpHost());
          at = at.enableHttps(ConnectionContext.httpsServer(tls.context()));
        }
        binding = await(at.bind(routes.routes()));
      } catch (IllegalStateException e) {
        throw new IllegalStateException("blade " + settings.name() + " cannot serve its API on "
            + settings.httpHost() + ":" + settings.httpPort() + ": " + rootMessage(e), e);
      }
      parts.directory().tell(dci.actors.directory.Directory.ApiServing.INSTANCE);
      warnAbout(system, parts, config);
      return new BladeNode(system, parts, binding, askTimeout, bootstrap, vnas, backup, body, https);
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
  }

  /** Publishes what operators should know of this blade (`dci status` shows it): unconfined desks. */
  private static void warnAbout(ActorSystem<?> system, Blade.Parts parts, Config config) {
    java.util.concurrent.CompletableFuture.supplyAsync(() -> dci.app.confine.Confinement.of(config).warning(),
        system.dispatchers().lookup(org.apache.pekko.actor.typed.DispatcherSelector.fromConfig("dci.blocking-io-dispatcher")))
        .thenAccept(w -> {
          if (w != null) {
            org.slf4j.LoggerFactory.getLogger(BladeNode.class).warn("blade {}: {}", parts.settings().name(), w);
            parts.directory().tell(new Directory.Warn(List.of(w)));
          }
        });
  }

  public BladeSettings settings() {
    return parts.settings();
  }

  /** The blade's part of the pooled volume. */
  public Vnas vnas() {
    return vnas;
  }

  /** The blade's peer backup (its agent and the store of other blades' backups). */
  public dci.storage.backup.Backup backup() {
    return backup;
  }

  /** The blade's body, peripheral switch and fail-over. */
  public Body body() {
    return body;
  }

  public ActorSystem<Blade.Command> system() {
    return system;
  }

  public Blade.Parts parts() {
    return parts;
  }

  /** The API's base URL, e.g. {@code http://127.0.0.1:8080} ({@code https://} when it serves HTTPS). */
  public String apiUrl() {
    var a = binding.localAddress();
    return (https ? "https://" : "http://") + a.getHostString() + ":" + a.getPort();
  }

  /** True when the API is served over HTTPS only. */
  public boolean https() {
    return https;
  }

  /** The blade's TLS (its certificate, the cluster CA, the refusal log). */
  public BladeTls tls() {
    return BladeTls.live(parts.settings().dataDir()).orElseThrow();
  }

  /**
   * On a blade that formed a new cluster: creates the admin user with a random password
   * written to {@code passwordFile}, unless users exist already.
   */
  public UserRegistry.BootstrapResult ensureAdmin(Path passwordFile) {
    return ensureAdmin(system, parts, passwordFile);
  }

  /** What the admin bootstrap at start said, or null if this blade did not form the cluster. */
  public UserRegistry.BootstrapResult bootstrap() {
    return bootstrap;
  }

  private static UserRegistry.BootstrapResult ensureAdmin(ActorSystem<?> system, Blade.Parts parts,
      Path passwordFile) {
    return await(AskPattern.ask(parts.users(),
        (org.apache.pekko.actor.typed.ActorRef<UserRegistry.BootstrapResult> r) ->
            new UserRegistry.EnsureAdmin(passwordFile, r), START_TIMEOUT, system.scheduler()));
  }

  /** The directory as this blade sees it now. */
  public List<BladeInfo> blades() {
    return await(AskPattern.ask(parts.directory(), Directory.GetBlades::new, askTimeout, system.scheduler())).blades();
  }

  /** True once this blade is an Up member. */
  public boolean isUp() {
    return Cluster.get(system).selfMember().status() == org.apache.pekko.cluster.MemberStatus.up();
  }

  /** Leaves the cluster gracefully and stops the blade; waits up to {@code timeout}. */
  public void leave(Duration timeout) {
    try {
      CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.clusterLeavingReason())
          .toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      system.terminate();
    }
  }

  @Override
  public void close() {
    leave(Duration.ofSeconds(20));
  }

  static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(START_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(rootMessage(e.getCause()), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out", e);
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
