package dci.app.node;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Blades started as processes on one machine take turns to start: each holds a lock on a file
 * of the machine's temporary folder from the moment it starts its actor system until it is Up
 * (or {@link #MAX_HOLD} has passed). Five JVMs starting at once on two cores stall each other
 * (JIT compilers, class loading, GC) for seconds at a time: their heartbeats then miss by up to
 * 6.9 s (measured in acceptance 6-failover's logs), the failure detector marks them unreachable
 * and the split brain resolver downs some. One after the other, each starts in about 5 s and
 * the last is Up no later than when they all started at once. The lock is the operating
 * system's: a blade that dies releases it. A blade that waits longer than {@link #MAX_WAIT}
 * starts anyway.
 */
public final class StartTurn implements AutoCloseable {
  public static final Duration MAX_WAIT = Duration.ofSeconds(60);
  public static final Duration MAX_HOLD = Duration.ofSeconds(20);

  private final FileChannel channel;
  private final FileLock lock;

  private StartTurn(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The machine's lock file for this user's blades. */
  public static Path defaultFile() {
    return Path.of(System.getProperty("java.io.tmpdir"), "dci-start-" + System.getProperty("user.name") + ".lock");
  }

  /**
   * Waits for this blade's turn (at most {@code maxWait}, then goes on without it), saying so on
   * {@code out} once if it has to wait. Never fails: a lock that cannot be taken only costs the turn.
   */
  public static StartTurn take(Path file, Duration maxWait, PrintWriter out) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException | RuntimeException e) {
      return new StartTurn(null, null);
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    boolean told = false;
    try {
      while (true) {
        FileLock lock = tryLock(channel);
        if (lock != null) {
          return new StartTurn(channel, lock);
        }
        if (System.nanoTime() > deadline) {
          out.printf("another blade of this machine is still starting after %s: starting anyway%n",
              maxWait.toMillis() < 1000 ? maxWait.toMillis() + " ms" : maxWait.toSeconds() + " s");
          out.flush();
          break;
        }
        if (!told) {
          out.printf("waiting for the blade of this machine that is starting (%s) ...%n", file);
          out.flush();
          told = true;
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(channel);
    return new StartTurn(null, null);
  }

  private static FileLock tryLock(FileChannel channel) {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this JVM already
    } catch (IOException e) {
      return null;
    }
  }

  /** True when this blade holds the turn (false when it went on without it). */
  public boolean held() {
    return lock != null;
  }

  /** Gives the turn to the next blade. */
  @Override
  public void close() {
    if (channel != null) {
      closeQuietly(channel); // releases the lock
    }
  }

  private static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing to give back
    }
  }
}
