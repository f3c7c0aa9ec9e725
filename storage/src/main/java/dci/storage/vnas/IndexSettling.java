package dci.storage.vnas;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;

/** Feeds {@link IndexQuiet} from this blade's cluster events: its own Up, and reachability changes. */
final class IndexSettling extends AbstractBehavior<IndexSettling.Command> {
  interface Command {}

  private record SelfCameUp(SelfUp event) implements Command {}

  private record ReachabilityChanged(ClusterEvent.ReachabilityEvent event) implements Command {}

  private final IndexQuiet quiet;

  private IndexSettling(ActorContext<Command> context, IndexQuiet quiet) {
    super(context);
    this.quiet = quiet;
    var subscriptions = Cluster.get(context.getSystem()).subscriptions();
    subscriptions.tell(Subscribe.create(context.messageAdapter(SelfUp.class, SelfCameUp::new), SelfUp.class));
    subscriptions.tell(Subscribe.create(
        context.messageAdapter(ClusterEvent.ReachabilityEvent.class, ReachabilityChanged::new),
        ClusterEvent.ReachabilityEvent.class));
  }

  static Behavior<Command> create(IndexQuiet quiet) {
    return Behaviors.setup(context -> new IndexSettling(context, quiet));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(SelfCameUp.class, this::onSelfCameUp)
        .onMessage(ReachabilityChanged.class, this::onReachabilityChanged)
        .build();
  }

  private Behavior<Command> onSelfCameUp(SelfCameUp m) {
    quiet.selfUp(System.nanoTime());
    return this;
  }

  private Behavior<Command> onReachabilityChanged(ReachabilityChanged m) {
    quiet.reachabilityChanged(System.nanoTime());
    return this;
  }
}
