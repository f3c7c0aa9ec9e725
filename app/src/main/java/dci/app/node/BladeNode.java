package dci.app.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dci.actors.ApiAddress;
import dci.actors.Blade;
import dci.actors.BladeSettings;
import dci.actors.DciConfig;
import dci.actors.auth.ServiceTokens;
import dci.actors.auth.UserRegistry;
import dci.actors.directory.Directory;
import dci.actors.feature.Feature;
import dci.actors.feature.FeatureContext;
import dci.actors.feature.Features;
import dci.actors.feature.Services;
import dci.actors.http.Gate;
import dci.actors.peerlet.PeerletRegistry;
import dci.actors.tls.BladeTls;
import dci.actors.tls.TlsBootstrap;
import dci.app.failover.Body;
import dci.protocol.BladeInfo;
import dci.storage.backup.Backup;
import dci.storage.vnas.Vnas;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.settings.ParserSettings;
import org.apache.pekko.http.javadsl.settings.ServerSettings;

/**
 * One running blade: its ActorSystem (a cluster member on Artery), the features it is made of
 * ({@link BladeFeatures}) and its HTTP API, the concatenation of what they offer. Used by
 * {@code dci node} (one per process), {@code dci cage} (several per process) and tests.
 */
public final class BladeNode implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem<Blade.Command> system;
  private final Started started;
  private final Duration askTimeout;
  private final boolean https;

  /** What the asynchronous start gives. */
  private record Started(Blade.Parts parts, Services services, UserRegistry.BootstrapResult bootstrap,
      ServerBinding binding) {}

  private BladeNode(ActorSystem<Blade.Command> system, Started started, Duration askTimeout, boolean https) {
    this.system = system;
    this.started = started;
    this.askTimeout = askTimeout;
    this.https = https;
  }

  /**
   * Starts a blade and its API; returns once the API listens. Fails with a clear message
   * when a port is taken.
   */
  public static BladeNode start(BladeSettings settings, Config base) {
    return start(settings, base, defaultRegistry());
  }

  /** The peerlet types of the kernel ({@code echo}); the features add theirs. */
  public static PeerletRegistry defaultRegistry() {
    return new PeerletRegistry().register(dci.actors.peerlet.EchoPeerlet.type());
  }

  /** Starts a blade running the peerlet types of {@code registry} besides its features'. */
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
    return start(settings, base, registry, adminPasswordFile, clock, BladeFeatures.all());
  }

  /** Starts a blade made of {@code features} (in that order). */
  public static BladeNode start(BladeSettings settings, Config base, PeerletRegistry registry,
      Path adminPasswordFile, java.time.Clock clock, List<Feature> features) {
    Config config = withDurableKeys(DciConfig.forBlade(settings, base), features);
    boolean https;
    try {
      PrivateData.ensure(settings.dataDir());
      TlsBootstrap.prepare(settings);
      https = ApiAddress.https(settings, config);
    } catch (RuntimeException e) {
      throw new IllegalStateException("blade " + settings.name() + " cannot start: " + rootMessage(e), e);
    }
    // each blade its own copy: packages install peerlets on one blade only, even in a shared JVM
    PeerletRegistry peerlets = registry.copy();
    features.forEach(f -> f.peerlets().forEach(peerlets::register));
    ActorSystem<Blade.Command> system;
    try {
      system = ActorSystem.create(Blade.create(settings, config, peerlets), BladeSettings.SYSTEM_NAME, config);
    } catch (RuntimeException e) {
      throw new IllegalStateException("blade " + settings.name() + " cannot start on "
          + settings.host() + ":" + settings.port() + ": " + rootMessage(e), e);
    }
    try {
      BladeTls tls = BladeTls.live(settings.dataDir()).orElseThrow(() ->
          new IllegalStateException("the blade's TLS did not start (pekko.remote.artery.transport must be tls-tcp)"));
      // blade-to-blade HTTPS (stripes, backups, desks, probes) trusts the cluster CA and nothing else
      Http.get(system).setDefaultClientHttpsContext(ConnectionContext.httpsClient(tls.context()));
      if (https) {
        TlsBootstrap.requireHttpsName(tls.credentials(), settings.httpHost());
      }
      Duration askTimeout = config.getDuration("dci.http.ask-timeout");
      CompletionStage<Started> starting = AskPattern.ask(system, Blade.GetParts::new, START_TIMEOUT, system.scheduler())
          .thenCompose(parts -> adminFirst(system, parts, settings, adminPasswordFile).thenCompose(bootstrap -> {
            Services services = new Services();
            FeatureContext context = new FeatureContext(system, parts, config,
                system.dispatchers().lookup(DispatcherSelector.fromConfig("dci.blocking-io-dispatcher")),
                new Gate(system, parts.users(), askTimeout), new ServiceTokens(system, parts.users()), services,
                ConcurrentHashMap.newKeySet(), clock);
            return Features.start(features, context)
                .thenCompose(api -> bind(system, settings, https ? tls : null, api))
                .thenApply(binding -> new Started(parts, services, bootstrap, binding));
          }));
      Started started = await(starting, "blade " + settings.name() + " did not start");
      started.parts().directory().tell(Directory.ApiServing.INSTANCE);
      return new BladeNode(system, started, askTimeout, https);
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
  }

  /** The kernel's durable keys (configuration) and every feature's. */
  private static Config withDurableKeys(Config config, List<Feature> features) {
    String path = "pekko.cluster.distributed-data.durable.keys";
    Set<String> keys = new LinkedHashSet<>(config.getStringList(path));
    features.forEach(f -> keys.addAll(f.durableKeys()));
    return ConfigFactory.parseMap(Map.of(path, List.copyOf(keys))).withFallback(config);
  }

  /** On a blade forming a new cluster with a password file to write: the admin user, before any route. */
  private static CompletionStage<UserRegistry.BootstrapResult> adminFirst(ActorSystem<?> system, Blade.Parts parts,
      BladeSettings settings, Path passwordFile) {
    if (passwordFile == null || !settings.formsCluster()) {
      return CompletableFuture.completedFuture(null);
    }
    return AskPattern.ask(parts.users(),
        (org.apache.pekko.actor.typed.ActorRef<UserRegistry.BootstrapResult> r) ->
            new UserRegistry.EnsureAdmin(passwordFile, r), START_TIMEOUT, system.scheduler());
  }

  private static CompletionStage<ServerBinding> bind(ActorSystem<?> system, BladeSettings settings, BladeTls https,
      Features.Assembly api) {
    ServerSettings server = ServerSettings.create(system.classicSystem()).withParserSettings(
        ParserSettings.forServer(system.classicSystem()).withCustomMethods(api.methods().toArray(HttpMethod[]::new)));
    var at = Http.get(system).newServerAt(settings.httpHost(), settings.httpPort()).withSettings(server);
    if (https != null) {
      at = at.enableHttps(ConnectionContext.httpsServer(https.context()));
    }
    return at.bind(api.routes()).exceptionally(e -> {
      throw new IllegalStateException("blade " + settings.name() + " cannot serve its API on "
          + settings.httpHost() + ":" + settings.httpPort() + ": " + rootMessage(e), e);
    });
  }

  public BladeSettings settings() {
    return started.parts().settings();
  }

  /** The blade's part of the pooled volume. */
  public Vnas vnas() {
    return started.services().require(Vnas.class, "this caller");
  }

  /** The blade's peer backup (its agent and the store of other blades' backups). */
  public Backup backup() {
    return started.services().require(Backup.class, "this caller");
  }

  /** The blade's body, peripheral switch and fail-over. */
  public Body body() {
    return started.services().require(Body.class, "this caller");
  }

  public ActorSystem<Blade.Command> system() {
    return system;
  }

  public Blade.Parts parts() {
    return started.parts();
  }

  /** The API's base URL, e.g. {@code http://127.0.0.1:8080} ({@code https://} when it serves HTTPS). */
  public String apiUrl() {
    var a = started.binding().localAddress();
    return (https ? "https://" : "http://") + a.getHostString() + ":" + a.getPort();
  }

  /** True when the API is served over HTTPS only. */
  public boolean https() {
    return https;
  }

  /** The blade's TLS (its certificate, the cluster CA, the refusal log). */
  public BladeTls tls() {
    return BladeTls.live(settings().dataDir()).orElseThrow();
  }

  /**
   * On a blade that formed a new cluster: creates the admin user with a random password
   * written to {@code passwordFile}, unless users exist already. Waits for the answer.
   */
  public UserRegistry.BootstrapResult ensureAdmin(Path passwordFile) {
    return await(adminFirst(system, parts(), settings(), passwordFile), "the admin was not created");
  }

  /** What the admin bootstrap at start said, or null if this blade did not form the cluster. */
  public UserRegistry.BootstrapResult bootstrap() {
    return started.bootstrap();
  }

  /** The directory as this blade sees it now. */
  public List<BladeInfo> blades() {
    return await(AskPattern.ask(parts().directory(), Directory.GetBlades::new, askTimeout, system.scheduler()),
        "the directory did not answer").blades();
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

  static <T> T await(CompletionStage<T> stage, String what) {
    try {
      return stage.toCompletableFuture().get(START_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(rootMessage(e.getCause()), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + ": timed out", e);
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
