package dci.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Real blades for actor tests: N ActorSystems in this JVM on loopback Artery (free ports),
 * each with its own data directory, blade-1 forming the cluster and the others seeding from it.
 * Close it (try-with-resources or {@code @AfterAll}) to terminate every system it started.
 */
public final class TestBlades implements AutoCloseable {
  public final List<ActorSystem<Blade.Command>> systems = new ArrayList<>();
  public final List<Blade.Parts> parts = new ArrayList<>();

  /**
   * Laid over the defaults: cheap hashing, gentler failure detection so a loaded 2-core
   * machine does not down blades that are only late.
   */
  public static Config testOverrides() {
    return ConfigFactory.parseString("""
        dci.auth.pbkdf2-iterations = 1000
        pekko.cluster.failure-detector.acceptable-heartbeat-pause = 6s
        pekko.cluster.split-brain-resolver.stable-after = 6s
        """);
  }

  /** The full configuration of a test blade: its settings over the test overrides over the defaults. */
  public static Config configFor(BladeSettings s) {
    // the overrides must be the receiver: as a fallback of the defaults they would be ignored
    return DciConfig.forBlade(s, testOverrides().withFallback(DciConfig.base(null)));
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Settings of a blade named {@code name} on loopback with free ports; no seeds forms a cluster. */
  public static BladeSettings settings(String name, Path dataDir, List<String> seeds) {
    return new BladeSettings(name, "127.0.0.1", freePort(), "127.0.0.1", freePort(), dataDir, seeds, "default",
        List.of());
  }

  /** Starts {@code n} blades with data under {@code dir} ({@code dir/blade-K}). */
  public static TestBlades start(int n, Path dir) {
    TestBlades blades = new TestBlades();
    try {
      int seed = freePort();
      for (int k = 1; k <= n; k++) {
        blades.add(new BladeSettings("blade-" + k, "127.0.0.1", k == 1 ? seed : freePort(), "127.0.0.1",
            freePort(), dir.resolve("blade-" + k), k == 1 ? List.of() : List.of("127.0.0.1:" + seed), "default",
            List.of()));
      }
      return blades;
    } catch (RuntimeException | Error e) {
      blades.close();
      throw e;
    }
  }

  /**
   * Gives a blade its TLS files as an operator would: the first blade forming a cluster makes
   * the cluster CA, a joining blade gets a bundle issued by the CA of {@code caBlade}'s data
   * directory (the "dci cert issue" + "--join" of a real cluster).
   */
  public static void prepareTls(BladeSettings s, Path caBlade) {
    if (!s.formsCluster() && caBlade != null && !dci.actors.tls.TlsDir.of(s.dataDir()).hasCredentials()) {
      dci.actors.tls.TlsBootstrap.install(s, dci.actors.tls.TlsDir.of(caBlade).ca()
          .issue(s.name(), dci.actors.tls.TlsBootstrap.hostsOf(s)));
    }
    dci.actors.tls.TlsBootstrap.prepare(s);
  }

  private Path caBlade;

  /** Starts one more blade with these settings. */
  public Blade.Parts add(BladeSettings s) {
    prepareTls(s, caBlade);
    if (caBlade == null && dci.actors.tls.TlsDir.of(s.dataDir()).holdsCa()) {
      caBlade = s.dataDir();
    }
    Config config = configFor(s);
    ActorSystem<Blade.Command> system = ActorSystem.create(Blade.create(s, config), BladeSettings.SYSTEM_NAME, config);
    Blade.Parts p;
    try {
      p = AskPattern.ask(system, Blade.GetParts::new, Duration.ofSeconds(20), system.scheduler())
          .toCompletableFuture().join();
    } catch (RuntimeException e) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
      throw e;
    }
    systems.add(system);
    parts.add(p);
    return p;
  }

  /** Blade {@code k}'s system, counting from 1. */
  public ActorSystem<Blade.Command> system(int k) {
    return systems.get(k - 1);
  }

  /** Blade {@code k}'s parts, counting from 1. */
  public Blade.Parts parts(int k) {
    return parts.get(k - 1);
  }

  /** Waits until every blade sees all {@code n} members Up. */
  public void awaitAllUp(int n, Duration max) {
    org.awaitility.Awaitility.await("every blade sees " + n + " blades Up").atMost(max)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> systems.stream().allMatch(s -> upMembers(Cluster.get(s)) >= n));
  }

  private static long upMembers(Cluster cluster) {
    return StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up())
        .count();
  }

  /** Asks {@code target} and waits for the answer (up to {@code timeout}) on blade {@code k}'s scheduler. */
  public <Req, Res> Res ask(int k, ActorRef<Req> target, Function<ActorRef<Res>, Req> request, Duration timeout) {
    try {
      return AskPattern.<Req, Res>ask(target, request::apply, timeout, system(k).scheduler())
          .toCompletableFuture().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }


  @Override
  public void close() {
    for (int i = systems.size() - 1; i >= 0; i--) {
      systems.get(i).terminate();
    }
    for (ActorSystem<?> s : systems) {
      s.getWhenTerminated().toCompletableFuture().join();
    }
  }
}
