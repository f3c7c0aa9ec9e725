package dci.actors.router;

import dci.protocol.envelope.Envelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/** Gathers the replies to one envelope for a caller that waits, until all came or time is up. */
final class ReplyCollector extends AbstractBehavior<ReplyCollector.Command> {
  interface Command {}

  record Reply(Envelope envelope) implements Command {}

  private enum Timeout implements Command {
    INSTANCE
  }

  private final Envelope sent;
  private final List<String> targets;
  private final int expected;
  private final ActorRef<RouteResult> replyTo;
  private final ActorRef<Router.Command> router;
  private final List<Envelope> replies = new ArrayList<>();

  private ReplyCollector(ActorContext<Command> context, Envelope sent, List<String> targets, int expected,
      ActorRef<RouteResult> replyTo, ActorRef<Router.Command> router) {
    super(context);
    this.sent = sent;
    this.targets = targets;
    this.expected = expected;
    this.replyTo = replyTo;
    this.router = router;
  }

  static Behavior<Command> create(Envelope sent, List<String> targets, int expected, Duration wait,
      ActorRef<RouteResult> replyTo, ActorRef<Router.Command> router) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startSingleTimer(Timeout.INSTANCE, wait);
      return new ReplyCollector(context, sent, targets, expected, replyTo, router);
    }));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Reply.class, this::onReply)
        .onMessageEquals(Timeout.INSTANCE, () -> finish(false))
        .build();
  }

  private Behavior<Command> onReply(Reply reply) {
    replies.add(reply.envelope());
    return replies.size() >= expected ? finish(true) : this;
  }

  private Behavior<Command> finish(boolean complete) {
    replyTo.tell(new RouteResult(sent.id(), sent, targets, List.copyOf(replies), complete));
    router.tell(new Router.CollectorDone(sent.id()));
    return Behaviors.stopped();
  }
}
