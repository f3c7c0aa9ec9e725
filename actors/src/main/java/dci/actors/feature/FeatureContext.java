package dci.actors.feature;

import com.typesafe.config.Config;
import dci.actors.Blade;
import dci.actors.http.Gate;
import dci.actors.http.PeerHttp;
import dci.actors.tls.BladeTls;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * What the kernel gives each feature it starts.
 *
 * @param system the blade's actor system
 * @param parts the kernel's actors (directory, users, router, peerlets, log, certificates)
 * @param config the blade's whole configuration (a feature reads its own section)
 * @param io the executor for blocking file and process work ({@code dci.blocking-io-dispatcher})
 * @param gate token and role checks for the feature's routes
 * @param peers the one client for calls to other blades (their {@code /internal/*} with this
 *     blade's service token; HTTPS trusting the cluster CA only)
 * @param tls this blade's TLS (its certificate, the cluster CA)
 * @param services what the kernel and earlier features provide
 * @param hiddenFromViewers app types whose logged payloads viewers may not read (live: features
 *     started later add theirs)
 * @param clock when schedules fire (tests pass their own)
 */
public record FeatureContext(ActorSystem<Blade.Command> system, Blade.Parts parts, Config config, Executor io,
    Gate gate, PeerHttp peers, BladeTls tls, Services services, Set<String> hiddenFromViewers, Clock clock) {

  /**
   * Spawns {@code behavior} as a part of the blade (a child of its guardian, restarted by
   * supervision like the kernel's actors), without blocking.
   */
  public <T> CompletionStage<ActorRef<T>> spawn(Behavior<T> behavior, String name) {
    return AskPattern.<Blade.Command, ActorRef<T>>ask(system, r -> new Blade.SpawnPart<>(behavior, name, r),
        java.time.Duration.ofSeconds(30), system.scheduler());
  }

  /** The blade's name. */
  public String blade() {
    return parts.settings().name();
  }
}
