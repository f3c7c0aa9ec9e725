package dci.actors.log;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Sits in front of the message log's journal, in the same actor: stamps each
 * {@link MessageLog.Append} with the time it arrived and holds it until the journal is ready
 * (recovered, and no write in flight); then hands it every waiting line (at most
 * {@code maxBatch}) as one {@link MessageLog.Write}. The journal answers each write, and its
 * recovery, with {@link MessageLog.Ready}.
 *
 * <p>A {@link MessageLog.Read} (a query, or a request for the log's end) arriving while lines
 * wait is held behind them and travels with the write that persists the last of them, so a read
 * always sees every line that reached the log before it. Other messages pass straight through.
 *
 * <p>{@link MessageLog.Pause} holds writes back (lines keep arriving and wait) and answers once
 * the write in flight, if any, is done; {@link MessageLog.Resume} with its number, or
 * {@code atMost}, lets them go again. The retention pass pauses the journal while it compacts
 * the database file, which H2 only does safely while nothing else writes.
 *
 * <p>A persist failure restarts the journal (with backoff): the failed write's lines, and the
 * reads travelling with it, are lost (those reads go unanswered: their askers time out),
 * and its recovery sends the next {@code Ready}. At most {@code bufferLimit} lines
 * wait; further ones are dropped with a warning.
 */
final class AppendBatcher extends BehaviorInterceptor<MessageLog.Command, MessageLog.Command> {
  private final int maxBatch;
  private final int bufferLimit;
  private final Clock clock;
  /** {@link MessageLog.Line}s and the {@link MessageLog.Read}s behind them, in arrival order. */
  private final ArrayDeque<Object> waiting = new ArrayDeque<>();
  private int waitingLines;
  /** The journal has recovered and has no write in flight. */
  private boolean ready;
  /** There is no journal: lines are dropped. */
  private boolean unavailable;
  /** A write was handed to the journal and is not done. */
  private boolean inFlight;
  /** The pause under way (0: none), and who waits for the write in flight to end. */
  private long paused;
  private ActorRef<Done> pausedFor;
  private long dropped;

  AppendBatcher(int maxBatch, int bufferLimit, Clock clock) {
    super(MessageLog.Command.class);
    this.maxBatch = maxBatch;
    this.bufferLimit = bufferLimit;
    this.clock = clock;
  }

  @Override
  public Behavior<MessageLog.Command> aroundReceive(TypedActorContext<MessageLog.Command> ctx,
      MessageLog.Command msg, ReceiveTarget<MessageLog.Command> target) {
    if (msg instanceof MessageLog.Append a) {
      if (unavailable) {
        return Behaviors.same();
      }
      if (waitingLines >= bufferLimit) {
        dropped++;
        if (dropped == 1 || dropped % 10_000 == 0) {
          ctx.asJava().getLog().warn("message log is {} lines behind its journal: {} line(s) dropped so far",
              waitingLines, dropped);
        }
        return Behaviors.same();
      }
      waiting.addLast(new MessageLog.Line(a, clock.instant()));
      waitingLines++;
      return ready && paused == 0 ? write(ctx, target) : Behaviors.same();
    }
    if (msg instanceof MessageLog.Read r && waitingLines > 0) {
      waiting.addLast(r);
      return Behaviors.same();
    }
    if (msg == MessageLog.Ready.INSTANCE) {
      ready = true;
      inFlight = false;
      if (pausedFor != null) {
        pausedFor.tell(Done.getInstance());
        pausedFor = null;
      }
      return waitingLines == 0 || paused != 0 ? Behaviors.same() : write(ctx, target);
    }
    if (msg instanceof MessageLog.Pause p) {
      paused = p.id();
      ctx.asJava().scheduleOnce(p.atMost(), ctx.asJava().getSelf(), new MessageLog.Resume(p.id()));
      if (inFlight) {
        pausedFor = p.replyTo();
      } else {
        p.replyTo().tell(Done.getInstance());
      }
      return Behaviors.same();
    }
    if (msg instanceof MessageLog.Resume r) {
      if (r.id() != paused) {
        return Behaviors.same(); // an earlier pause's deadline
      }
      paused = 0;
      return ready && waitingLines > 0 ? write(ctx, target) : Behaviors.same();
    }
    if (msg == MessageLog.Unavailable.INSTANCE) {
      unavailable = true;
      for (Object o : waiting) {
        if (o instanceof MessageLog.Read r) {
          r.answerNothing();
        }
      }
      waiting.clear();
      waitingLines = 0;
      return Behaviors.same();
    }
    return target.apply(ctx, msg);
  }

  /** Hands the journal the next lines, with the reads that were waiting behind them. */
  private Behavior<MessageLog.Command> write(TypedActorContext<MessageLog.Command> ctx,
      ReceiveTarget<MessageLog.Command> target) {
    List<MessageLog.Line> lines = new ArrayList<>(Math.min(waitingLines, maxBatch));
    List<MessageLog.Read> reads = new ArrayList<>(0);
    while (!waiting.isEmpty()) {
      Object next = waiting.peekFirst();
      if (next instanceof MessageLog.Line line) {
        if (lines.size() == maxBatch) {
          break;
        }
        lines.add(line);
        waitingLines--;
      } else {
        reads.add((MessageLog.Read) next);
      }
      waiting.pollFirst();
    }
    ready = false;
    inFlight = true;
    return target.apply(ctx, new MessageLog.Write(List.copyOf(lines), List.copyOf(reads)));
  }
}
