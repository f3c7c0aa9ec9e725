package dci.actors.log;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The message log's tunables, from {@code dci.log} (see dci-actors' {@code reference.conf}).
 *
 * @param snapshotEvery a snapshot every this many journal writes
 * @param maxBatch at most this many lines per journal write (one event)
 * @param bufferLimit at most this many lines waiting for a journal write; more are dropped
 * @param readChunk blocks of the read side asked for per query while reading the log
 * @param blockLines lines per block of the read side ({@code index.block-lines})
 * @param catchUpEvents journal events read per step while the read side catches up
 * @param connections connections of the read side's pool (index writes, queries, retention)
 * @param keep what the retention pass keeps, and how often it runs
 */
record LogSettings(int snapshotEvery, int maxBatch, int bufferLimit, int readChunk, int blockLines,
    int catchUpEvents, int connections, LogKeep keep) {

  LogSettings {
    if (snapshotEvery < 1 || maxBatch < 1 || bufferLimit < 1 || readChunk < 1 || blockLines < 1
        || catchUpEvents < 1 || connections < 1) {
      throw new IllegalArgumentException("dci.log.snapshot-every, max-batch, buffer-limit, read-chunk and "
          + "dci.log.index.* must be >= 1");
    }
  }

  static LogSettings from(Config c) {
    return new LogSettings(intOr(c, "dci.log.snapshot-every", 100), intOr(c, "dci.log.max-batch", 1000),
        intOr(c, "dci.log.buffer-limit", 100_000), intOr(c, "dci.log.read-chunk", 16),
        intOr(c, "dci.log.index.block-lines", 1024), intOr(c, "dci.log.index.catch-up-events", 16),
        intOr(c, "dci.log.index.connections", 4), LogKeep.from(c));
  }

  private static int intOr(Config c, String path, int fallback) {
    return c.hasPath(path) ? c.getInt(path) : fallback;
  }

  /** {@code path} as a duration, or {@code fallback} when absent. */
  static Duration durationOr(Config c, String path, Duration fallback) {
    return c.hasPath(path) ? c.getDuration(path) : fallback;
  }
}
