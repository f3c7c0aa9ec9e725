package dci.storage.vnas;

import dci.protocol.DciSerializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * The one owner of the volume's WebDAV locks (a cluster singleton): every LOCK, refresh and
 * UNLOCK through any blade is decided here, one after the other, so two exclusive locks on one
 * path never both win. Each decision is written to the replicated lock table (every blade, else
 * a majority) before it is answered, so every blade checks PUT, MOVE and DELETE against it from
 * its own copy, and an owner that takes over after the last one's blade died starts from a
 * majority's copy and knows every lock granted.
 */
public final class LockTable extends AbstractBehavior<LockTable.Command> {
  public interface Command extends DciSerializable {}

  /** Take {@code wanted}, unless a live lock conflicts (423). */
  public record Take(VnasLock wanted, ActorRef<Outcome> replyTo) implements Command {}

  /** Extend lock {@code token} (which must cover {@code path}) by {@code seconds} (412 if there is none). */
  public record Refresh(String token, String path, long seconds, ActorRef<Outcome> replyTo) implements Command {}

  /** Remove lock {@code token} on {@code path} (409 if none), if {@code user} took it or is an admin (403). */
  public record Release(String token, String path, String user, boolean admin, ActorRef<Outcome> replyTo)
      implements Command {}

  /** Drop every lock rooted at or below {@code path} (it was deleted or moved away). */
  public record DropBelow(String path, ActorRef<Outcome> replyTo) implements Command {}

  /** {@code status} 200 with the lock concerned (if any), or an HTTP error status and why. */
  public record Outcome(int status, String error, VnasLock lock) implements DciSerializable {
    static Outcome ok(VnasLock lock) {
      return new Outcome(200, null, lock);
    }

    static Outcome refused(int status, String error) {
      return new Outcome(status, error, null);
    }
  }

  private record Loaded(Map<String, VnasLock> locks) implements Command {}

  private record Stored(Outcome outcome, Throwable error, ActorRef<Outcome> replyTo) implements Command {}

  private final VnasIndex index;
  private final Map<String, VnasLock> locks;

  private LockTable(ActorContext<Command> context, VnasIndex index, Map<String, VnasLock> locks) {
    super(context);
    this.index = index;
    this.locks = new HashMap<>(locks);
  }

  /** Loads the table from a majority of blades (stashing requests meanwhile), then decides. */
  public static Behavior<Command> create(VnasIndex index) {
    return Behaviors.withStash(10_000, stash -> Behaviors.setup(context -> {
      context.pipeToSelf(index.locksFromMajority(), (m, e) -> new Loaded(e == null ? m : Map.of()));
      return loading(index, stash);
    }));
  }

  private static Behavior<Command> loading(VnasIndex index, StashBuffer<Command> stash) {
    return Behaviors.receive(Command.class)
        .onMessage(Loaded.class, l -> stash.unstashAll(Behaviors.setup(ctx -> new LockTable(ctx, index, l.locks()))))
        .onAnyMessage(m -> {
          stash.stash(m);
          return Behaviors.same();
        })
        .build();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Take.class, this::onTake)
        .onMessage(Refresh.class, this::onRefresh)
        .onMessage(Release.class, this::onRelease)
        .onMessage(DropBelow.class, this::onDropBelow)
        .onMessage(Stored.class, this::onStored)
        .onMessage(Loaded.class, l -> this)
        .build();
  }

  private Behavior<Command> onTake(Take t) {
    long now = System.currentTimeMillis();
    locks.values().removeIf(l -> l.expired(now));
    VnasPath root = VnasPath.parse(t.wanted().root());
    for (VnasLock l : locks.values()) {
      boolean overlaps = l.covers(root) || (t.wanted().infinite() && root.contains(VnasPath.parse(l.root())));
      if (overlaps && (l.exclusive() || t.wanted().exclusive())) {
        t.replyTo().tell(Outcome.refused(423, l.root() + " is already locked"));
        return this;
      }
    }
    locks.put(t.wanted().token(), t.wanted());
    return store(Outcome.ok(t.wanted()), t.replyTo());
  }

  private Behavior<Command> onRefresh(Refresh r) {
    long now = System.currentTimeMillis();
    VnasLock l = locks.get(r.token());
    if (l == null || l.expired(now) || !l.covers(VnasPath.parse(r.path()))) {
      r.replyTo().tell(Outcome.refused(412, "no lock " + r.token() + " on " + r.path()));
      return this;
    }
    VnasLock renewed = l.refreshed(now, r.seconds());
    locks.put(r.token(), renewed);
    return store(Outcome.ok(renewed), r.replyTo());
  }

  private Behavior<Command> onRelease(Release r) {
    VnasLock l = locks.get(r.token());
    if (l == null || !l.covers(VnasPath.parse(r.path()))) {
      r.replyTo().tell(Outcome.refused(409, "no lock " + r.token() + " on " + r.path()));
      return this;
    }
    if (!r.admin() && !r.user().equals(l.principal())) {
      r.replyTo().tell(Outcome.refused(403, "the lock on " + l.root() + " was taken by another user; only they"
          + " or an admin may remove it"));
      return this;
    }
    locks.remove(r.token());
    return store(Outcome.ok(l), r.replyTo());
  }

  private Behavior<Command> onDropBelow(DropBelow d) {
    VnasPath path = VnasPath.parse(d.path());
    locks.values().removeIf(l -> path.contains(VnasPath.parse(l.root())));
    return store(Outcome.ok(null), d.replyTo());
  }

  /** Writes the whole table as decided so far (the write sends only what changed), then answers. */
  private Behavior<Command> store(Outcome outcome, ActorRef<Outcome> replyTo) {
    Map<String, VnasLock> now = Map.copyOf(locks);
    getContext().pipeToSelf(index.changeLocks(m -> new HashMap<>(now)), (d, e) -> new Stored(outcome, e, replyTo));
    return this;
  }

  private Behavior<Command> onStored(Stored s) {
    if (s.error() != null) {
      getContext().getLog().warn("the lock table could not be stored: {}", s.error().toString());
      s.replyTo().tell(Outcome.refused(503, "the lock table could not be stored: " + s.error().getMessage()));
    } else {
      s.replyTo().tell(s.outcome());
    }
    return this;
  }
}
