package dci.storage.vnas;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A byte range of a file read from its stripes: only the stripes the range covers are
 * fetched, several at a time (up to {@link #READ_AHEAD} bytes of them), those beyond the one
 * being sent only on the blade's {@link ReadAheadBudget} (see {@link ReadSlots}).
 */
final class StripeReads {
  /**
   * Bytes of stripes one read fetches ahead of the one being sent, budget allowing (8 stripes
   * of 4 MiB): enough that a stripe coming from another blade does not hold up those behind it.
   */
  static final long READ_AHEAD = 32L << 20;

  private StripeReads() {}

  /** One stripe of the range: its index in the file, and the part of it [start, end) in the range. */
  record Part(int stripe, int start, int end) {}

  /** The stripes of {@code refs} that bytes {@code [from, from + length)} of the file fall in. */
  static List<Part> parts(List<StripeRef> refs, long from, long length) {
    List<Part> parts = new ArrayList<>();
    long pos = 0;
    long end = from + length;
    for (int i = 0; i < refs.size() && pos < end; i++) {
      long s = pos;
      long e = pos + refs.get(i).size();
      if (e > from && s < end) {
        parts.add(new Part(i, (int) (Math.max(from, s) - s), (int) (Math.min(end, e) - s)));
      }
      pos = e;
    }
    return parts;
  }

  /**
   * The bytes, stripes got by {@code fetch} (by id). Each run of the source is a read of its
   * own, with its own slots; what it holds goes back when it completes, fails or is cancelled.
   */
  static Source<ByteString, NotUsed> read(List<StripeRef> refs, long from, long length, ReadAheadBudget budget,
      Function<String, CompletionStage<ByteString>> fetch) {
    List<Part> parts = parts(refs, from, length);
    long biggest = refs.stream().mapToLong(StripeRef::size).max().orElse(1);
    int ahead = (int) Math.max(2, Math.min(16, READ_AHEAD / Math.max(1, biggest)));
    return Source.fromMaterializer((mat, attributes) -> {
      ReadSlots slots = new ReadSlots(budget);
      return Source.from(parts)
          .mapAsync(ahead, p -> {
            StripeRef ref = refs.get(p.stripe());
            return slots.take(ref.size()).thenCompose(slot -> fetch(fetch, ref.hash()).whenComplete((b, e) -> {
              if (e == null) {
                slots.fetched(slot);
              } else {
                slots.release(slot);
              }
            }).thenApply(b -> new Fetched(b.slice(p.start(), p.end()), slot)));
          })
          .map(f -> {
            slots.release(f.slot());
            return f.bytes();
          })
          .watchTermination((nu, done) -> {
            done.whenComplete((d, e) -> slots.close());
            return nu;
          });
    }).mapMaterializedValue(m -> NotUsed.getInstance());
  }

  private static CompletionStage<ByteString> fetch(Function<String, CompletionStage<ByteString>> fetch, String hash) {
    try {
      return fetch.apply(hash);
    } catch (RuntimeException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  private record Fetched(ByteString bytes, ReadSlots.Slot slot) {}
}
