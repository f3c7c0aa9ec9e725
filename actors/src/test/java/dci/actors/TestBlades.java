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
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** Real blades for actor tests: N ActorSystems in this JVM on loopback Artery, blade-1 forming the cluster. */
public final class TestBlades implements AutoCloseable {
  public final List<ActorSystem<Blade.Command>> systems = new ArrayList<>();
  public final List<Blade.Parts> parts = new ArrayList<>();

  /** Cheap hashing, gentler failure detection for a loaded 2-core machine. */
  public static Config testOverrides() {
    return ConfigFactory.parseString("""
        dci.auth.pbkdf2-iterations = 1000
        pekko.cluster.failure-detector.acceptable-heartbeat-pause = 6s
        pekko.cluster.split-brain-resolver.stable-after = 6s
        """);
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts {@code n} blades with data under {@code dir}. */
  public static TestBlades start(int n, Path dir) {
    TestBlades blades = new TestBlades();
    int seed = freePort();
    for (int k = 1; k <= n; k++) {
      blades.add(new BladeSettings("blade-" + k, "127.0.0.1", k == 1 ? seed : freePort(), "127.0.0.1", freePort(),
          dir.resolve("blade-" + k), k == 1 ? List.of() : List.of("127.0.0.1:" + seed), "default", List.of()));
    }
    return blades;
  }

  /** Starts one more blade with these settings. */
  public Blade.Parts add(BladeSettings s) {
    Config config = DciConfig.forBlade(s, testOverrides().withFallback(DciConfig.base(null)));
    ActorSystem<Blade.Command> system = ActorSystem.create(Blade.create(s, config), BladeSettings.SYSTEM_NAME, config);
    Blade.Parts p = AskPattern.ask(system, Blade.GetParts::new, Duration.ofSeconds(20), system.scheduler())
        .toCompletableFuture().join();
    systems.add(system);
    parts.add(p);
    return p;
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
