package dci.storage.vnas;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.pekko.util.ByteString;

/**
 * Hot files move closer, and move away again when they cool: once a file has been read
 * {@code threshold} times through this blade, the blade takes a replica of each of its stripes
 * (an extra one, on top of r, which other mount points may read too) and pins it, so the keeper
 * leaves it in place. Read counts decay (halving every {@code halfLife}); a file whose count has
 * fallen under half the threshold is no longer hot, its stripes lose their pin at the keeper's
 * next pass ({@link #cool}), and that pass drops the replicas placement does not want.
 */
public final class HotFiles {
  private static final int MAX_TRACKED = 10_000;
  private final Stripes stripes;
  private final int threshold;
  private final double halfLifeMs;
  private final LongSupplier clock;
  private final Map<String, Heat> files = new ConcurrentHashMap<>();
  private final Set<String> pinned = ConcurrentHashMap.newKeySet();

  /** A file's decayed read count at {@code at}, its stripes, and whether it is hot here. */
  private record Heat(double reads, long at, List<String> hashes, boolean hot) {
    double readsAt(long now, double halfLifeMs) {
      return reads * Math.pow(0.5, Math.max(0, now - at) / halfLifeMs);
    }
  }

  public HotFiles(Stripes stripes, int threshold, Duration halfLife) {
    this(stripes, threshold, halfLife, System::currentTimeMillis);
  }

  HotFiles(Stripes stripes, int threshold, Duration halfLife, LongSupplier clock) {
    this.stripes = stripes;
    this.threshold = threshold;
    this.halfLifeMs = Math.max(1, halfLife.toMillis());
    this.clock = clock;
  }

  /** Stripes this blade keeps because their files are hot here. */
  public boolean pinned(String hash) {
    return pinned.contains(hash);
  }

  void read(VnasEntry file) {
    if (threshold <= 0 || file.stripes().isEmpty()) {
      return;
    }
    if (files.size() > MAX_TRACKED) {
      cool();
      files.values().removeIf(h -> !h.hot());
    }
    long now = clock.getAsLong();
    boolean[] turnedHot = {false};
    Heat heat = files.compute(file.path() + "@" + file.version(), (k, old) -> {
      double reads = (old == null ? 0 : old.readsAt(now, halfLifeMs)) + 1;
      boolean hot = old != null && old.hot();
      if (!hot && reads + 0.5 >= threshold) {
        hot = true;
        turnedHot[0] = true;
      }
      // the stripe list is made once per tracked file, not on every read
      List<String> hashes = old != null ? old.hashes() : file.stripes().stream().map(StripeRef::hash).toList();
      return new Heat(reads, now, hashes, hot);
    });
    if (turnedHot[0]) {
      heat.hashes().forEach(this::pin);
    }
  }

  private void pin(String hash) {
    stripes.fetchLocal(hash).thenAccept(res -> {
      if (res instanceof StripeStore.Found) {
        pinned.add(hash);
        return;
      }
      stripes.fetch(hash).thenCompose((ByteString b) ->
              stripes.index().stores().thenCompose(st -> stripes.storeOn(stripes.self(), st, hash, b)))
          .thenAccept(outcome -> {
            if (outcome == StripeClient.PutOutcome.STORED) {
              pinned.add(hash);
              stripes.index().bind(hash, Set.of(stripes.self()));
            }
          });
    });
  }

  /**
   * Lets read counts decay: files under half the threshold stop being hot and their stripes lose
   * their pin (unless another hot file shares them); files read less than once, decayed, are
   * forgotten. The keeper calls this before each pass.
   */
  public void cool() {
    long now = clock.getAsLong();
    Set<String> stillPinned = new HashSet<>();
    files.replaceAll((k, h) -> {
      double reads = h.readsAt(now, halfLifeMs);
      boolean hot = h.hot() && reads * 2 >= threshold;
      if (hot) {
        stillPinned.addAll(h.hashes());
      }
      return new Heat(reads, now, h.hashes(), hot);
    });
    files.values().removeIf(h -> !h.hot() && h.reads() < 0.5);
    pinned.retainAll(stillPinned);
  }

  /** Files hot here now (for tests and the API). */
  int hotCount() {
    return (int) files.values().stream().filter(Heat::hot).count();
  }
}
