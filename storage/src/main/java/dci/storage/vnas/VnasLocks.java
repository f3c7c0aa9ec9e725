package dci.storage.vnas;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * This blade's way to the volume's lock owner ({@link LockTable}, one per cluster, on the
 * oldest blade with the VNAS): changes to the lock table go there; checks read the replicated
 * table ({@link VnasIndex#locks}) on this blade.
 */
public final class VnasLocks {
  /** The cluster role of blades that run the VNAS (the lock owner runs on one of them). */
  public static final String ROLE = "dci-vnas";
  private final ActorSystem<?> system;
  private final ActorRef<LockTable.Command> owner;
  private final Duration timeout;

  public VnasLocks(ActorSystem<?> system, VnasIndex index, Duration writeTimeout) {
    this.system = system;
    this.timeout = writeTimeout.plusSeconds(5);
    ClusterSingletonSettings settings = ClusterSingletonSettings.create(system);
    if (Cluster.get(system).selfMember().hasRole(ROLE)) {
      settings = settings.withRole(ROLE);
    }
    this.owner = ClusterSingleton.get(system).init(SingletonActor.of(
        Behaviors.supervise(LockTable.create(index)).onFailure(SupervisorStrategy.restart()), "vnas-locks")
        .withSettings(settings));
  }

  /** Takes {@code wanted}; fails with a {@link VnasException} (423) if a live lock conflicts. */
  public CompletionStage<VnasLock> take(VnasLock wanted) {
    return ask(r -> new LockTable.Take(wanted, r));
  }

  /** The lock {@code token} on {@code path}, extended by {@code seconds} (412 if there is none). */
  public CompletionStage<VnasLock> refresh(String token, VnasPath path, long seconds) {
    return ask(r -> new LockTable.Refresh(token, path.toString(), seconds, r));
  }

  /** Removes lock {@code token} on {@code path} (409 if none; 403 unless {@code user} took it or is an admin). */
  public CompletionStage<VnasLock> release(String token, VnasPath path, String user, boolean admin) {
    return ask(r -> new LockTable.Release(token, path.toString(), user, admin, r));
  }

  /** Drops the locks rooted at or below {@code path}. */
  public CompletionStage<VnasLock> dropBelow(VnasPath path) {
    return ask(r -> new LockTable.DropBelow(path.toString(), r));
  }

  private CompletionStage<VnasLock> ask(Function<ActorRef<LockTable.Outcome>, LockTable.Command> request) {
    return AskPattern.<LockTable.Command, LockTable.Outcome>ask(owner, request::apply, timeout, system.scheduler())
        .thenApply(o -> {
          if (o.status() != 200) {
            throw new VnasException(o.status(), o.error());
          }
          return o.lock();
        });
  }
}
