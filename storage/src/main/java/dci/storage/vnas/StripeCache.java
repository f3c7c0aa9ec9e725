package dci.storage.vnas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.util.ByteString;

/**
 * A mount point's bounded cache of stripes it read from other blades, on its own disk
 * (least recently used goes first). Stripes are content addressed, so a cached stripe is
 * never stale: a new version of a file has new stripe ids, and the old ones age out.
 * Every hit is checked against the CRC-32C recorded when it was written (or hashed, see
 * {@link StripeFiles#readChecked}); copies are not forced to disk, a torn one fails that check.
 */
public final class StripeCache {
  private final StripeFiles files;
  private final long maxBytes;
  private final Executor io;
  private final LinkedHashMap<String, Long> lru = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  public StripeCache(Path dir, long maxBytes, Executor io) {
    this.files = new StripeFiles(dir);
    this.maxBytes = maxBytes;
    this.io = io;
    try {
      files.list().forEach(this::remember);
    } catch (IOException e) {
      // an unreadable cache is an empty one
    }
    evict();
  }

  public CompletionStage<Optional<ByteString>> get(String hash) {
    synchronized (this) {
      if (maxBytes <= 0 || lru.get(hash) == null) {
        return CompletableFuture.completedFuture(Optional.empty());
      }
    }
    return CompletableFuture.supplyAsync(() -> {
      try {
        return files.readChecked(hash).map(ByteString::fromArrayUnsafe);
      } catch (IOException e) {
        forget(hash);
        if (e instanceof StripeFiles.CorruptStripeException) {
          try {
            files.delete(hash); // a torn or rotten copy: fetched again and written anew
          } catch (IOException ignored) {
            // listed again at the next start, and checked again when read
          }
        }
        return Optional.empty();
      }
    }, io);
  }

  /** Keeps a copy of a stripe read verified from another blade. */
  public void put(String hash, ByteString bytes) {
    if (maxBytes <= 0 || bytes.size() > maxBytes) {
      return;
    }
    synchronized (this) {
      if (lru.containsKey(hash)) {
        return;
      }
    }
    CompletableFuture.runAsync(() -> {
      try {
        files.writeHashed(hash, bytes.asByteBuffer(), false);
        remember(hash, (long) bytes.size());
        evict();
      } catch (IOException | IllegalArgumentException e) {
        // not cached; nothing lost
      }
    }, io);
  }

  public synchronized long bytes() {
    return bytes;
  }

  private synchronized void remember(String hash, Long size) {
    if (lru.put(hash, size) == null) {
      bytes += size;
    }
  }

  private synchronized void forget(String hash) {
    Long size = lru.remove(hash);
    if (size != null) {
      bytes -= size;
    }
  }

  private void evict() {
    while (true) {
      String victim;
      synchronized (this) {
        if (bytes <= maxBytes || lru.isEmpty()) {
          return;
        }
        Iterator<Map.Entry<String, Long>> it = lru.entrySet().iterator();
        Map.Entry<String, Long> e = it.next();
        victim = e.getKey();
        bytes -= e.getValue();
        it.remove();
      }
      try {
        files.delete(victim);
      } catch (IOException ignored) {
        // stays on disk until the next start lists it
      }
    }
  }
}
