package dci.actors.log;

import dci.protocol.envelope.Envelope;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The blade's message log: every envelope the blade sends, receives, relays or expires.
 * PROTOCOL ONLY for now: the event-sourced implementation is being written.
 */
public final class MessageLog {
  private MessageLog() {}

  /** Messages the log understands. */
  public interface Command {}

  /** Journals one envelope (fire and forget: the router never waits on the log). */
  public record Append(Direction direction, Envelope envelope, String note) implements Command {}

  /** Answers the entries matching a query, sorted by time. */
  public record Query(LogQuery query, ActorRef<Entries> replyTo) implements Command {}

  /** Answer to {@link Query}. */
  public record Entries(List<LogEntry> entries) {}

  /** The log of blade {@code blade}; {@code enabled=false} drops appends (benchmarks). */
  public static Behavior<Command> create(String blade, boolean enabled) {
    return Behaviors.ignore();
  }
}
