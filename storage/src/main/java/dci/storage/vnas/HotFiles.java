package dci.storage.vnas;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.util.ByteString;

/**
 * Hot files move closer: once a file has been read {@code threshold} times through this
 * blade, the blade takes a replica of each of its stripes (an extra one, on top of r, which
 * other mount points may read too). The keeper leaves such pinned replicas in place.
 */
public final class HotFiles {
  private static final int MAX_TRACKED = 10_000;
  private final Stripes stripes;
  private final int threshold;
  private final Map<String, Integer> reads = new ConcurrentHashMap<>();
  private final Set<String> pinned = ConcurrentHashMap.newKeySet();

  public HotFiles(Stripes stripes, int threshold) {
    this.stripes = stripes;
    this.threshold = threshold;
  }

  /** Stripes this blade keeps because their files are hot here. */
  public boolean pinned(String hash) {
    return pinned.contains(hash);
  }

  void read(VnasEntry file) {
    if (threshold <= 0 || file.stripes().isEmpty()) {
      return;
    }
    if (reads.size() > MAX_TRACKED) {
      reads.clear();
    }
    String key = file.path() + "@" + file.version();
    int n = reads.merge(key, 1, Integer::sum);
    if (n != threshold) {
      return;
    }
    Set<String> pins = pinned;
    for (StripeRef ref : file.stripes()) {
      stripes.fetchLocal(ref.hash()).thenAccept(res -> {
        if (res instanceof StripeStore.Found) {
          pins.add(ref.hash());
          return;
        }
        stripes.fetch(ref.hash()).thenCompose((ByteString b) ->
                stripes.index().stores().thenCompose(st -> stripes.storeOn(stripes.self(), st, ref.hash(), b)))
            .thenAccept(outcome -> {
              if (outcome == StripeClient.PutOutcome.STORED) {
                pins.add(ref.hash());
                stripes.index().bind(ref.hash(), Set.of(stripes.self()));
              }
            });
      });
    }
  }
}
