package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** Follows a backup job on its blade until it ends, drawing a progress bar on stderr. */
final class JobWatch {
  private JobWatch() {}

  /** The finished job's result (parsed), or a {@link CliError} if it failed. */
  static JsonNode await(ApiClient api, JsonNode job, PrintWriter err, boolean draw, Duration timeout) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    String id = job.path("id").asText();
    String blade = job.path("blade").asText();
    String kind = job.path("kind").asText("job");
    boolean drawn = false;
    long started = System.nanoTime();
    while ("running".equals(job.path("state").asText())) {
      if (System.currentTimeMillis() > deadline) {
        throw new CliError(CliError.FAILED, kind + " " + id + " on " + blade + " still running after "
            + CliDuration.text(timeout) + " (it goes on; see GET /api/backup/jobs/" + id + "?blade=" + blade + ")");
      }
      if (draw) {
        err.print("\r" + bar(kind, job));
        err.flush();
        drawn = true;
      }
      try {
        Thread.sleep(pause(System.nanoTime() - started));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliError(CliError.FAILED, "interrupted (the job goes on on " + blade + ")");
      }
      job = api.get("/api/backup/jobs/" + VnasCommand.q(id) + "?blade=" + VnasCommand.q(blade));
    }
    if (drawn) {
      err.println("\r" + bar(kind, job));
    }
    if (!"done".equals(job.path("state").asText())) {
      throw new CliError(CliError.FAILED, kind + " failed on " + blade + ": " + job.path("error").asText("unknown error"));
    }
    try {
      return Json.mapper().readTree(job.path("result").asText("null"));
    } catch (IOException e) {
      throw new CliError(CliError.FAILED, "the blade sent an unreadable result: " + e.getMessage());
    }
  }

  /**
   * How long to wait before asking again, {@code elapsed} nanoseconds into the job: 50 ms for
   * the first half minute (a short job is seen ending at once), then 200 ms, then a second
   * after ten minutes (a long job's bar needs no more).
   */
  static long pause(long elapsed) {
    long s = elapsed / 1_000_000_000L;
    return s < 30 ? 50 : s < 600 ? 200 : 1000;
  }

  static String bar(String kind, JsonNode job) {
    long done = job.path("bytesDone").asLong();
    long total = job.path("bytesTotal").asLong();
    long files = job.path("filesDone").asLong();
    long filesTotal = job.path("filesTotal").asLong();
    int fill = total > 0 ? (int) Math.min(30, 30 * done / total) : 0;
    return String.format(Locale.ROOT, "%-7s [%s%s] %3d%% %d/%d files %s %-24s", kind, "=".repeat(fill),
        " ".repeat(30 - fill), total > 0 ? 100 * done / total : 0, files, filesTotal, size(done),
        job.path("phase").asText(""));
  }

  static String size(long v) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double d = v;
    int u = 0;
    while (d >= 1024 && u < units.length - 1) {
      d /= 1024;
      u++;
    }
    return u == 0 ? v + " B" : String.format(Locale.ROOT, "%.1f %s", d, units[u]);
  }
}
