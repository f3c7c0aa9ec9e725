package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.Json;
import java.io.IOException;
import java.time.Duration;

/** Follows a backup job on its blade until it ends, showing its progress. */
final class JobWatch {
  private JobWatch() {}

  /** The finished job's result (parsed), or a {@link CliError} if it failed. */
  static JsonNode await(ApiClient api, JsonNode job, Progress progress, Duration timeout) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    String id = job.path("id").asText();
    String blade = job.path("blade").asText();
    String kind = job.path("kind").asText("job");
    long started = System.nanoTime();
    while ("running".equals(job.path("state").asText())) {
      if (System.currentTimeMillis() > deadline) {
        throw new CliError(CliError.FAILED, kind + " " + id + " on " + blade + " still running after "
            + CliDuration.text(timeout) + " (it goes on; see GET /api/backup/jobs/" + id + "?blade=" + blade + ")");
      }
      show(progress, kind, job);
      try {
        Thread.sleep(pause(System.nanoTime() - started));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliError(CliError.FAILED, "interrupted (the job goes on on " + blade + ")");
      }
      job = api.get("/api/backup/jobs/" + VnasCommand.q(id) + "?blade=" + VnasCommand.q(blade));
    }
    show(progress, kind, job);
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

  private static void show(Progress progress, String kind, JsonNode job) {
    progress.show(kind, job.path("bytesDone").asLong(), job.path("bytesTotal").asLong(),
        () -> job.path("filesDone").asLong() + "/" + job.path("filesTotal").asLong() + " files "
            + Printer.size(job.path("bytesDone").asLong()) + " " + job.path("phase").asText(""));
  }
}
