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
import dci.actors.http.PeerHttp;
import dci.actors.peerlet.PeerletRegistry;
import dci.actors.tls.BladeTls;
import dci.actors.tls.TlsBootstrap;
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
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.settings.ParserSettings;
import org.apache.pekko.http.javadsl.settings.ServerSettings;

/**
 * How a blade starts: its data directory (mode 700) and TLS first, then its ActorSystem with the
 * kernel's actors and every feature's peerlets and durable keys, then the features one after
 * another ({@link Features}), then the API, bound to what they offer. Only the caller of
 * {@link BladeNode#start} waits, once, for all of it.
 */
final class BladeStart {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  /** What the asynchronous start gives. */
  record Started(Blade.Parts parts, Services services, UserRegistry.BootstrapResult bootstrap,
      ServerBinding binding) {}

  private BladeStart() {}

  /** Starts a blade made of {@code features} (in that order). */
  static BladeNode start(BladeSettings settings, Config base, PeerletRegistry registry,
      Path adminPasswordFile, java.time.Clock clock, List<Feature> features) {
    Config config = withFeatures(DciConfig.forBlade(settings, base), features);
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
      // the client pools (to other blades) close before the actor system ends, not torn down by it
      // ("connection pool ... has shut down unexpectedly" at every stop)
      org.apache.pekko.actor.CoordinatedShutdown.get(system).addTask(
          org.apache.pekko.actor.CoordinatedShutdown.PhaseServiceStop(), "dci-close-client-pools",
          () -> Http.get(system).shutdownAllConnectionPools().thenApply(v -> org.apache.pekko.Done.getInstance()));
      if (https) {
        TlsBootstrap.requireHttpsName(tls.credentials(), settings.httpHost());
      }
      Duration askTimeout = config.getDuration("dci.http.ask-timeout");
      CompletionStage<Started> starting = AskPattern.ask(system, Blade.GetParts::new, START_TIMEOUT, system.scheduler())
          .thenCompose(parts -> adminFirst(system, parts, settings, adminPasswordFile).thenCompose(bootstrap -> {
            Services services = new Services();
            FeatureContext context = new FeatureContext(system, parts, config,
                system.dispatchers().lookup(DispatcherSelector.fromConfig("dci.blocking-io-dispatcher")),
                new Gate(system, parts.users(), askTimeout),
                new PeerHttp(system, new ServiceTokens(system, parts.users())::token, tls.context()), tls, services,
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

  /** The kernel's durable keys and cluster roles (configuration) and every feature's. */
  private static Config withFeatures(Config config, List<Feature> features) {
    String path = "pekko.cluster.distributed-data.durable.keys";
    Set<String> keys = new LinkedHashSet<>(config.getStringList(path));
    features.forEach(f -> keys.addAll(f.durableKeys()));
    Set<String> roles = new LinkedHashSet<>(config.getStringList("pekko.cluster.roles"));
    features.forEach(f -> roles.addAll(f.clusterRoles(config)));
    return ConfigFactory.parseMap(Map.of(path, List.copyOf(keys), "pekko.cluster.roles", List.copyOf(roles)))
        .withFallback(config);
  }

  /** On a blade forming a new cluster with a password file to write: the admin user, before any route. */
  static CompletionStage<UserRegistry.BootstrapResult> adminFirst(ActorSystem<?> system, Blade.Parts parts,
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

  /** The one wait of a start: for the blade to be up, its features started and its API bound. */
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
