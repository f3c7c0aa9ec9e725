package dci.app.node;

import com.typesafe.config.Config;
import dci.actors.Blade;
import dci.actors.BladeSettings;
import dci.actors.auth.UserRegistry;
import dci.actors.directory.Directory;
import dci.actors.peerlet.PeerletRegistry;
import dci.actors.tls.BladeTls;
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

/**
 * One running blade: its ActorSystem (a cluster member on Artery), the features it is made of
 * ({@link BladeFeatures}) and its HTTP API, the concatenation of what they offer. Used by
 * {@code dci node} (one per process), {@code dci cage} (several per process) and tests.
 */
public final class BladeNode implements AutoCloseable {
  private final ActorSystem<Blade.Command> system;
  private final BladeStart.Started started;
  private final Duration askTimeout;
  private final boolean https;

  BladeNode(ActorSystem<Blade.Command> system, BladeStart.Started started, Duration askTimeout, boolean https) {
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
    return with(settings, base).start();
  }

  /** How a blade is to start, said step by step (peerlets, admin bootstrap, clock, features). */
  public static BladeLaunch with(BladeSettings settings, Config base) {
    return new BladeLaunch(settings, base);
  }

  /** The peerlet types of the kernel ({@code echo}); the features add theirs. */
  public static PeerletRegistry defaultRegistry() {
    return new PeerletRegistry().register(dci.actors.peerlet.EchoPeerlet.type());
  }

  /**
   * A service one of the blade's features offers, by its type (e.g. {@code node.service(Vnas.class)}):
   * the node itself names no feature.
   */
  public <T> T service(Class<T> type) {
    return started.services().require(type, "this caller");
  }

  public BladeSettings settings() {
    return started.parts().settings();
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

  /**
   * Stops serving the API at once: no new connection, and the open ones (a browser's kept-alive
   * connection among them) closed after {@code deadline}. A crash does that to every client.
   */
  public CompletionStage<?> stopServing(Duration deadline) {
    return started.binding().terminate(deadline);
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
    return await(BladeStart.adminFirst(system, parts(), settings(), passwordFile), "the admin was not created");
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

  /**
   * Tells the whole cluster it is about to shut down (every member goes to PreparingForShutdown,
   * then ReadyForShutdown) and waits up to {@code timeout} until this blade sees every member
   * ready. A fail-over coordinator starts no fail-over while its blade is in those states.
   */
  public void prepareFullShutdown(Duration timeout) {
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(org.apache.pekko.cluster.typed.PrepareForFullClusterShutdown.prepareForFullClusterShutdown());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      var members = cluster.state().getMembers();
      boolean ready = true;
      for (var m : members) {
        ready &= m.status() == org.apache.pekko.cluster.MemberStatus.shutDown();
      }
      if (ready) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
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
    return BladeStart.await(stage, what);
  }
}
