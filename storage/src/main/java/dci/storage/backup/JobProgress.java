package dci.storage.backup;

import java.util.concurrent.atomic.AtomicLong;

/** How far a running backup job is; written by its worker threads, read when asked. */
public final class JobProgress {
  public final AtomicLong filesDone = new AtomicLong();
  public final AtomicLong filesTotal = new AtomicLong();
  public final AtomicLong bytesDone = new AtomicLong();
  public final AtomicLong bytesTotal = new AtomicLong();
  private volatile String phase = "starting";

  public String phase() {
    return phase;
  }

  public void phase(String p) {
    phase = p;
  }
}
