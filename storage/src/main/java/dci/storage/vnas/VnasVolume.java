package dci.storage.vnas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The volume as a file system, the same through every blade: files streamed into stripes
 * on write, streamed back from the stripes' replicas on read; collections, copy, move and
 * delete are changes to the replicated index only (stripes are content addressed, so a copy
 * shares them, and the keeper deletes those no file needs any more).
 */
public final class VnasVolume {
  private final ActorSystem<?> system;
  private final VnasIndex index;
  private final Stripes stripes;
  private final VnasSettings settings;
  private final HotFiles hot;
  private final ReadAheadBudget readAhead;
  private final VnasLocks locks;
  private final java.util.List<java.util.function.Consumer<Written>> written =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public VnasVolume(ActorSystem<?> system, VnasIndex index, Stripes stripes, VnasSettings settings, HotFiles hot) {
    this.system = system;
    this.index = index;
    this.stripes = stripes;
    this.settings = settings;
    this.hot = hot;
    this.readAhead = new ReadAheadBudget(settings.readAheadBudget());
    this.locks = new VnasLocks(system, index, settings.writeTimeout());
  }

  /**
   * Calls {@code listener} after each file written through this blade (its entry in the index
   * already): e.g. the virus scanner queues it. Listeners must not block.
   */
  public void onWritten(java.util.function.Consumer<Written> listener) {
    written.add(listener);
  }

  /** The volume's WebDAV lock owner. */
  public VnasLocks locks() {
    return locks;
  }

  public VnasIndex index() {
    return index;
  }

  public Stripes stripes() {
    return stripes;
  }

  public VnasSettings settings() {
    return settings;
  }

  public CompletionStage<Optional<VnasEntry>> stat(VnasPath path) {
    return index.get(path);
  }

  /** The parent must be an existing collection (WebDAV: 409 otherwise). */
  public CompletionStage<VnasEntry> requireParent(VnasPath path) {
    return index.get(path.parent()).thenApply(p -> {
      if (p.isEmpty() || !p.get().collection()) {
        throw VnasException.conflict("the parent collection " + path.parent() + " does not exist");
      }
      return p.get();
    });
  }

  /**
   * Streams {@code data} into the file at {@code path}, replacing any earlier content; done
   * once every stripe has r durable replicas and the index points at them. Answers the new
   * entry and whether the file is new.
   */
  public CompletionStage<Written> write(VnasPath path, Source<ByteString, ?> data, String contentType) {
    return write(path, data, contentType, path.isRoot() ? null : requireParent(path));
  }

  /**
   * {@link #write(VnasPath, Source, String)} with the parent's lookup ({@link #requireParent})
   * already under way, so a caller can run it beside its own checks.
   */
  public CompletionStage<Written> write(VnasPath path, Source<ByteString, ?> data, String contentType,
      CompletionStage<VnasEntry> parent) {
    if (path.isRoot()) {
      return CompletableFuture.failedFuture(new VnasException(405, "the root is a collection"));
    }
    return index.rules().thenCompose(cluster -> write(path, data, contentType,
        settings.withRules(cluster.values()).ruleFor(path), parent));
  }

  private CompletionStage<Written> write(VnasPath path, Source<ByteString, ?> data, String contentType,
      VnasSettings.Rule rule, CompletionStage<VnasEntry> parentLookup) {
    return parentLookup.thenCompose(parent -> data
        .via(new Rechunker(rule.stripeSize()))
        .mapAsync(settings.maxPutParallelism(), chunk -> {
          String hash = StripeFiles.sha256(chunk.asByteBuffer());
          return stripes.store(hash, chunk, rule.replicas()).thenApply(b -> new StripeRef(hash, chunk.size()));
        })
        .runWith(Sink.seq(), system))
        .thenCompose(refs -> {
          long size = refs.stream().mapToLong(StripeRef::size).sum();
          long now = System.currentTimeMillis();
          boolean[] created = {false};
          return index.update(path, old -> {
            if (old != null && old.collection()) {
              throw new VnasException(405, path + " is a collection");
            }
            created[0] = old == null;
            return new VnasEntry(path.toString(), false, size, old == null ? now : old.created(), now,
                old == null ? 1 : old.version() + 1, contentType, refs, old == null ? Map.of() : old.props());
          }).thenApply(e -> {
            Written w = new Written(e.orElseThrow(), created[0]);
            written.forEach(l -> l.accept(w));
            return w;
          });
        });
  }

  /** Result of a write. */
  public record Written(VnasEntry entry, boolean created) {}

  /**
   * Bytes {@code [from, from + length)} of the file, from the stripes the range covers, several
   * fetched at a time within the blade's read-ahead budget (see {@link StripeReads}). Those of
   * a file bigger than a quarter of the local cache are not cached (a big file read often gets
   * a local replica instead, see {@link HotFiles}).
   */
  public Source<ByteString, NotUsed> read(VnasEntry file, long from, long length) {
    hot.read(file);
    boolean keep = file.size() <= settings.cacheSize() / 4;
    return StripeReads.read(file.stripes(), from, length, readAhead, hash -> stripes.fetch(hash, keep));
  }

  /** The bytes of stripes all reads through this blade may hold fetched ahead (dci.vnas.read-ahead-budget). */
  public ReadAheadBudget readAhead() {
    return readAhead;
  }

  /** Files of one stripe up to this size are read whole (see {@link #readWhole}). */
  public static final long WHOLE_MAX = 1 << 20;

  /**
   * The content of a small file of one stripe, read in one piece, so it can be answered in
   * one piece too (no stream set up for it); empty for any other file (read it with
   * {@link #read}).
   */
  public Optional<CompletionStage<ByteString>> readWhole(VnasEntry file) {
    if (file.stripes().size() != 1 || file.size() > WHOLE_MAX) {
      return Optional.empty();
    }
    hot.read(file);
    return Optional.of(stripes.fetch(file.stripes().get(0).hash(), file.size() <= settings.cacheSize() / 4));
  }

  public CompletionStage<Done> mkcol(VnasPath path) {
    if (path.isRoot()) {
      return CompletableFuture.failedFuture(new VnasException(405, "the root exists"));
    }
    return requireParent(path).thenCompose(p -> index.change(path, old -> {
      if (old != null) {
        throw new VnasException(405, path + " exists already");
      }
      return VnasEntry.collection(path, System.currentTimeMillis());
    }));
  }

  /** Deletes the path and everything below it. */
  public CompletionStage<Done> delete(VnasPath path) {
    if (path.isRoot()) {
      return CompletableFuture.failedFuture(new VnasException(403, "the root cannot be deleted"));
    }
    return index.tree(path).thenCompose(tree -> {
      if (tree.isEmpty()) {
        throw VnasException.notFound(path);
      }
      CompletionStage<Done> all = CompletableFuture.completedFuture(Done.getInstance());
      List<VnasEntry> deepestFirst = new ArrayList<>(tree);
      java.util.Collections.reverse(deepestFirst);
      for (VnasEntry e : deepestFirst) {
        all = all.thenCompose(d -> index.remove(e.vnasPath()));
      }
      return all;
    });
  }

  /**
   * Copies (or moves) {@code from} to {@code to}; {@code infinite} copies a collection's
   * members too. An existing target is replaced when {@code overwrite} (412 otherwise).
   * Answers true if the target existed.
   */
  public CompletionStage<Boolean> copy(VnasPath from, VnasPath to, boolean infinite, boolean overwrite, boolean move) {
    if (from.contains(to) || (move && to.contains(from)) || to.isRoot()) {
      return CompletableFuture.failedFuture(new VnasException(403, "cannot copy or move " + from + " onto " + to));
    }
    return index.get(from).thenCompose(src -> {
      if (src.isEmpty()) {
        throw VnasException.notFound(from);
      }
      return requireParent(to).thenCompose(p -> index.get(to)).thenCompose(existing -> {
        if (existing.isPresent() && !overwrite) {
          throw new VnasException(412, to + " exists and Overwrite is F");
        }
        CompletionStage<Done> cleared = existing.isPresent() ? delete(to) : CompletableFuture.completedFuture(Done.getInstance());
        return cleared
            .thenCompose(d -> src.get().collection() && (infinite || move) ? index.tree(from)
                : CompletableFuture.completedFuture(List.of(src.get())))
            .thenCompose(tree -> {
              long now = System.currentTimeMillis();
              CompletionStage<Done> all = CompletableFuture.completedFuture(Done.getInstance());
              for (VnasEntry e : tree) {
                VnasEntry moved = e.at(e.vnasPath().rebase(from, to), move, now);
                all = all.thenCompose(x -> index.put(moved));
              }
              return move ? all.thenCompose(x -> delete(from)) : all;
            })
            .thenApply(d -> existing.isPresent());
      });
    });
  }

  /** Replaces the dead properties of {@code path}. */
  public CompletionStage<Done> setProps(VnasPath path, Map<String, String> props) {
    return index.change(path, old -> {
      if (old == null) {
        throw VnasException.notFound(path);
      }
      return old.withProps(props);
    });
  }
}
