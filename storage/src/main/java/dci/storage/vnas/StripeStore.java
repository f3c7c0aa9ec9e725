package dci.storage.vnas;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.util.ByteString;

/**
 * The stripe store of one blade: owns the stripes on its disk, within the quota the blade
 * contributes to the volume. Every write is forced to disk before it is acknowledged; disk
 * work runs on the blocking-I/O dispatcher, never on the actor's thread. Publishes its
 * figures ({@link StoreInfo}) to the other blades when they changed (checked every publish interval).
 */
public final class StripeStore extends AbstractBehavior<StripeStore.Command> {

  public interface Command {}

  /**
   * Stores a stripe; answers {@link Stored} or {@link Refused}. The bytes are checked against
   * the id unless {@code hashed}: this blade hashed them itself (its own upload) or read them
   * verified.
   */
  public record Store(String hash, ByteString bytes, boolean hashed, ActorRef<StoreResult> replyTo)
      implements Command {
    /** Bytes from elsewhere: checked against the id. */
    public Store(String hash, ByteString bytes, ActorRef<StoreResult> replyTo) {
      this(hash, bytes, false, replyTo);
    }
  }

  /** Reads a stripe; answers {@link Found}, {@link Missing} or {@link Corrupt}. */
  public record Fetch(String hash, ActorRef<FetchResult> replyTo) implements Command {}

  /** Deletes a stripe held here (after it moved, or when no file needs it). */
  public record Drop(String hash, ActorRef<org.apache.pekko.Done> replyTo) implements Command {}

  /** Lists what is held here. */
  public record GetInventory(ActorRef<Inventory> replyTo) implements Command {}

  /** Verifies every stripe's bytes against its id; corrupt files are deleted. */
  public record Scrub(ActorRef<ScrubReport> replyTo) implements Command {}

  public sealed interface StoreResult {}

  public record Stored(String hash) implements StoreResult {}

  /** Not stored; {@code full} when the quota would be exceeded. */
  public record Refused(String hash, boolean full, String reason) implements StoreResult {}

  public sealed interface FetchResult {}

  public record Found(String hash, ByteString bytes) implements FetchResult {}

  public record Missing(String hash) implements FetchResult {}

  public record Corrupt(String hash) implements FetchResult {}

  public record Inventory(String blade, Map<String, Long> stripes, long used, long contributed) {}

  public record ScrubReport(String blade, int checked, List<String> corrupt) {}

  private enum Publish implements Command { INSTANCE }

  private record Listed(Map<String, Long> stripes, Throwable failure) implements Command {}

  private record Written(Store request, Throwable failure) implements Command {}

  private record Dropped(String hash, long size, ActorRef<org.apache.pekko.Done> replyTo) implements Command {}

  private record Scrubbed(ScrubReport report, ActorRef<ScrubReport> replyTo) implements Command {}

  /** Where and how the store runs. */
  public record Settings(String blade, String api, String dataCenter, long contributed, Duration publishInterval) {}

  private final Settings settings;
  private final StripeFiles files;
  private final VnasIndex index;
  private final Executor io;
  private final Map<String, Long> held = new HashMap<>();
  private long used;
  /** The figures last published (used, stripe count), to publish only when they change. */
  private long publishedUsed = -1;
  private long publishedCount = -1;
  private long reserved;
  /** Whether {@link #held} names every stripe on disk (the listing at start has come in). */
  private boolean listed;

  private StripeStore(ActorContext<Command> context, Settings settings, StripeFiles files, VnasIndex index) {
    super(context);
    this.settings = settings;
    this.files = files;
    this.index = index;
    this.io = context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig("dci.blocking-io-dispatcher"));
    context.pipeToSelf(CompletableFuture.supplyAsync(() -> {
      try {
        return files.list();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, io), Listed::new);
  }

  public static Behavior<Command> create(Settings settings, StripeFiles files, VnasIndex index) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Publish.INSTANCE, settings.publishInterval());
      return new StripeStore(ctx, settings, files, index);
    }));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Store.class, this::onStore)
        .onMessage(Written.class, this::onWritten)
        .onMessage(Fetch.class, this::onFetch)
        .onMessage(Drop.class, this::onDrop)
        .onMessage(Dropped.class, this::onDropped)
        .onMessage(GetInventory.class, this::onGetInventory)
        .onMessage(Scrub.class, this::onScrub)
        .onMessage(Scrubbed.class, this::onScrubbed)
        .onMessage(Listed.class, this::onListed)
        .onMessageEquals(Publish.INSTANCE, this::onPublish)
        .build();
  }

  private Behavior<Command> onListed(Listed m) {
    if (m.failure() != null) {
      getContext().getLog().error("cannot list the stripes in {}", files.root(), m.failure());
    } else {
      listed = true;
      m.stripes().forEach((h, size) -> {
        if (held.putIfAbsent(h, size) == null) {
          used += size;
        }
      });
    }
    return onPublish();
  }

  private Behavior<Command> onStore(Store m) {
    if (held.containsKey(m.hash())) {
      m.replyTo().tell(new Stored(m.hash()));
      return this;
    }
    long size = m.bytes().size();
    if (used + reserved + size > settings.contributed()) {
      m.replyTo().tell(new Refused(m.hash(), true, "blade " + settings.blade() + " has no room left in the "
          + settings.contributed() + " bytes it contributes"));
      return this;
    }
    reserved += size;
    ByteBuffer bytes = m.bytes().asByteBuffer();
    getContext().pipeToSelf(CompletableFuture.runAsync(() -> {
      try {
        if (m.hashed()) {
          files.writeHashed(m.hash(), bytes, true);
        } else {
          files.write(m.hash(), bytes);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, io), (ok, failure) -> new Written(m, failure));
    return this;
  }

  private Behavior<Command> onWritten(Written m) {
    long size = m.request().bytes().size();
    reserved -= size;
    if (m.failure() != null) {
      Throwable cause = m.failure() instanceof java.util.concurrent.CompletionException c ? c.getCause() : m.failure();
      m.request().replyTo().tell(new Refused(m.request().hash(), false, String.valueOf(cause.getMessage())));
      return this;
    }
    if (held.putIfAbsent(m.request().hash(), size) == null) {
      used += size;
    }
    m.request().replyTo().tell(new Stored(m.request().hash()));
    return this;
  }

  private Behavior<Command> onFetch(Fetch m) {
    if (listed && !held.containsKey(m.hash())) {
      // not held here: answered without a trip to the disk (a stripe is held once its store
      // is answered, so a reader never misses one stored before it asked)
      m.replyTo().tell(new Missing(m.hash()));
      return this;
    }
    CompletableFuture.supplyAsync(() -> {
      try {
        Optional<byte[]> b = files.readChecked(m.hash());
        return b.<FetchResult>map(bytes -> new Found(m.hash(), ByteString.fromArrayUnsafe(bytes)))
            .orElse(new Missing(m.hash()));
      } catch (StripeFiles.CorruptStripeException e) {
        return new Corrupt(m.hash());
      } catch (java.io.IOException e) {
        return new Missing(m.hash());
      }
    }, io).thenAccept(r -> m.replyTo().tell(r));
    return this;
  }

  private Behavior<Command> onDrop(Drop m) {
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
      try {
        files.delete(m.hash());
        return m.hash();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, io), (h, failure) -> new Dropped(m.hash(), failure == null ? 1 : 0, m.replyTo()));
    return this;
  }

  private Behavior<Command> onDropped(Dropped m) {
    if (m.size() > 0) {
      Long size = held.remove(m.hash());
      if (size != null) {
        used -= size;
      }
    }
    if (m.replyTo() != null) {
      m.replyTo().tell(org.apache.pekko.Done.getInstance());
    }
    return this;
  }

  private Behavior<Command> onGetInventory(GetInventory m) {
    m.replyTo().tell(new Inventory(settings.blade(), Map.copyOf(held), used, settings.contributed()));
    return this;
  }

  private Behavior<Command> onScrub(Scrub m) {
    List<String> ids = new ArrayList<>(held.keySet());
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
      List<String> corrupt = new ArrayList<>();
      for (String h : ids) {
        try {
          files.readVerified(h);
        } catch (java.io.IOException e) {
          corrupt.add(h);
          try {
            files.delete(h);
          } catch (java.io.IOException ignored) {
            // reported as corrupt either way
          }
        }
      }
      return new ScrubReport(settings.blade(), ids.size(), corrupt);
    }, io), (report, failure) -> new Scrubbed(
        report != null ? report : new ScrubReport(settings.blade(), 0, List.of()), m.replyTo()));
    return this;
  }

  private Behavior<Command> onScrubbed(Scrubbed m) {
    for (String h : m.report().corrupt()) {
      Long size = held.remove(h);
      if (size != null) {
        used -= size;
      }
    }
    m.replyTo().tell(m.report());
    return this;
  }

  private Behavior<Command> onPublish() {
    if (used == publishedUsed && held.size() == publishedCount) {
      return this; // nothing changed: no write, no gossip
    }
    publishedUsed = used;
    publishedCount = held.size();
    index.publish(new StoreInfo(settings.blade(), settings.api(), settings.dataCenter(), settings.contributed(), used,
        held.size(), System.currentTimeMillis()));
    return this;
  }
}
