package dci.actors;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.io.TcpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stopping blade closes the TCP connections it still holds once Artery has had its time to
 * say goodbye, so that its actor system ends.
 *
 * <p>Artery's shutdown waits, with no deadline in Pekko 1.7.0 (one came later, apache/pekko
 * #3317), until every one of its streams has completed. An outbound TLS connection whose sending
 * side had already completed (not failed) when the blade stopped stays open, because Artery runs
 * TLS with {@code IgnoreComplete}: it waits for the peer to close, and a peer that is still
 * running keeps its inbound connections. The blade's actor system then never terminated (seen in
 * CI: the stuck stream's stages, printed by the test cluster, ended in such a TLS stage whose
 * sending side was complete and whose TCP connection was still open). So
 * {@link #GRACE} after its before-actor-system-terminate phase began (the last phase,
 * actor-system-terminate, follows at once), a system that has not ended aborts every TCP
 * connection of its own (Pekko IO's connection actors close on {@code Abort} from anyone); their streams fail,
 * Artery's shutdown goes on, and the system ends. Listening sockets are left alone.
 */
public final class LingeringConnections {
  /** Artery's own goodbye (its shutdown flush, 1 s) comes first. */
  static final Duration GRACE = Duration.ofSeconds(3);

  private static final Logger LOG = LoggerFactory.getLogger(LingeringConnections.class);

  private LingeringConnections() {}

  /** Arms the fallback on blade {@code blade}'s coordinated shutdown (once, when it starts). */
  public static void closeWhenStopping(ActorSystem<?> system, String blade) {
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "dci-close-lingering-connections", () -> {
          CompletableFuture.runAsync(() -> {
            if (!system.whenTerminated().isCompleted()) {
              LOG.warn("blade {} has not stopped {} s into its last shutdown phases: closing the TCP connections"
                  + " it still holds", blade, GRACE.toSeconds());
              abortAll(system);
            }
          }, CompletableFuture.delayedExecutor(GRACE.toMillis(), TimeUnit.MILLISECONDS));
          return CompletableFuture.completedFuture(Done.getInstance());
        });
  }

  /** Aborts every open TCP connection of {@code system} (what Pekko IO holds under its selectors). */
  static void abortAll(ActorSystem<?> system) {
    Adapter.toClassic(system).actorSelection("/system/IO-TCP/selectors/*/*")
        .tell(TcpMessage.abort(), ActorRef.noSender());
  }
}
