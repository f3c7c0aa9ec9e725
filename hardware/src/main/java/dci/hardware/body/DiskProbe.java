package dci.hardware.body;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exercises the blade's disk: writes a small block into the data directory, syncs it and
 * reads it back. The fault layer sits here: an injected error rate fails that fraction of
 * probes, an injected delay slows each one. Keeps the outcome of the last {@value #WINDOW}
 * probes. Blocking: runs on the I/O dispatcher, one probe at a time.
 */
public final class DiskProbe {
  static final int WINDOW = 20;
  private static final int BLOCK = 4096;
  private final Path file;
  private final Deque<Boolean> outcomes = new ArrayDeque<>();

  public DiskProbe(Path dataDir) {
    this.file = dataDir.resolve("body").resolve("disk-probe");
  }

  /** One probe under the given fault rates; returns how long it took in milliseconds. */
  public synchronized long probe(double errorRate, long extraMillis) {
    long t0 = System.nanoTime();
    boolean ok;
    try {
      if (extraMillis > 0) {
        Thread.sleep(extraMillis);
      }
      if (errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate) {
        throw new IOException("injected disk error");
      }
      byte[] block = new byte[BLOCK];
      ThreadLocalRandom.current().nextBytes(block);
      Files.createDirectories(file.getParent());
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(ByteBuffer.wrap(block));
        ch.force(false);
        ByteBuffer back = ByteBuffer.allocate(BLOCK);
        ch.read(back, 0);
        ok = Arrays.equals(block, back.array());
      }
    } catch (IOException e) {
      ok = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ok = false;
    }
    outcomes.addLast(ok);
    while (outcomes.size() > WINDOW) {
      outcomes.removeFirst();
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** Failed probes over the window, 0..1. */
  public synchronized double errorRate() {
    return outcomes.isEmpty() ? 0 : outcomes.stream().filter(ok -> !ok).count() / (double) outcomes.size();
  }

  /** Forgets past outcomes (after faults are cleared). */
  public synchronized void reset() {
    outcomes.clear();
  }
}
