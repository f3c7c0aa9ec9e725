package dci.storage.backup;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The jobs a blade's backup agent started lately (the newest {@value #KEEP}): each one's kind,
 * progress and outcome, as {@link JobView}s. Owned by the agent's actor and touched only by it;
 * a job's {@link JobProgress} is the one part its worker thread writes.
 */
final class JobTable {
  private static final int KEEP = 50;

  private final String blade;
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private int seq;

  private static final class Job {
    final String kind;
    final JobProgress progress = new JobProgress();
    String state = "running";
    String error;
    String result;

    Job(String kind) {
      this.kind = kind;
    }
  }

  JobTable(String blade) {
    this.blade = blade;
  }

  /** Enters a new running job of {@code kind}; its id names the blade, the kind and a sequence number. */
  String add(String kind) {
    String id = blade + "-" + kind + "-" + (++seq);
    jobs.put(id, new Job(kind));
    while (jobs.size() > KEEP) {
      jobs.remove(jobs.keySet().iterator().next());
    }
    return id;
  }

  /** The progress the job's worker reports into. */
  JobProgress progress(String id) {
    return jobs.get(id).progress;
  }

  /** Records the job's outcome: its result as JSON, or the error it failed with. */
  void finish(String id, Object result, Throwable error) {
    Job job = jobs.get(id);
    if (job == null) {
      return; // dropped meanwhile as one of the oldest
    }
    if (error == null) {
      job.state = "done";
      job.result = new String(BackupJson.write(result), java.nio.charset.StandardCharsets.UTF_8);
    } else {
      Throwable t = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
          ? error.getCause() : error;
      job.state = "failed";
      job.error = t.getMessage() == null ? t.toString() : t.getMessage();
    }
  }

  /** The job's error as recorded, or null. */
  String error(String id) {
    Job job = jobs.get(id);
    return job == null ? null : job.error;
  }

  /** The job as reported; a job not (or no longer) here reports state {@code unknown}. */
  JobView view(String id) {
    Job j = jobs.get(id);
    if (j == null) {
      return new JobView(id, blade, null, "unknown", null, 0, 0, 0, 0, "no such job on " + blade, null);
    }
    JobProgress p = j.progress;
    return new JobView(id, blade, j.kind, j.state, p.phase(), p.filesDone.get(), p.filesTotal.get(),
        p.bytesDone.get(), p.bytesTotal.get(), j.error, j.result);
  }

  /** The jobs kept here, newest first. */
  java.util.List<JobView> list() {
    java.util.List<JobView> out = new java.util.ArrayList<>();
    jobs.keySet().forEach(id -> out.add(view(id)));
    java.util.Collections.reverse(out);
    return out;
  }

  /** A job refused before it started (bad input): no id. */
  JobView refused(String kind, String error) {
    return new JobView(null, blade, kind, "failed", null, 0, 0, 0, 0, error, null);
  }
}
