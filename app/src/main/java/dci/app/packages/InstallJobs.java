package dci.app.packages;

import dci.protocol.pkg.api.InstallJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The install, uninstall and follow jobs an API blade started: per target blade, the envelope
 * sent and, once it answered, its {@link InstallReport}. Kept in memory on that blade (the most
 * recent {@code keep} of them). Thread-safe: replies complete rows from other threads.
 */
public final class InstallJobs {
  private static final class Row {
    final String blade;
    final String envelope;
    final long started = System.nanoTime();
    InstallReport report;
    long ended;

    Row(String blade, String envelope) {
      this.blade = blade;
      this.envelope = envelope;
    }
  }

  private static final class Job {
    final String id;
    final String op;
    final String name;
    final String version;
    final Instant created = Instant.now();
    final Map<String, Row> rows = new LinkedHashMap<>();

    Job(String id, String op, String name, String version) {
      this.id = id;
      this.op = op;
      this.name = name;
      this.version = version;
    }
  }

  private final int keep;
  private final Map<String, Job> jobs = new LinkedHashMap<>();

  public InstallJobs(int keep) {
    this.keep = Math.max(1, keep);
  }

  /** A new job sending one envelope per blade ({@code envelopes}: blade to envelope id); answers its id. */
  public synchronized String start(String op, String name, String version, Map<String, UUID> envelopes) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    Job job = new Job(id, op, name, version);
    envelopes.forEach((blade, env) -> job.rows.put(blade, new Row(blade, env.toString())));
    jobs.put(id, job);
    Iterator<Job> oldest = jobs.values().iterator();
    while (jobs.size() > keep && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
    return id;
  }

  /** Records what {@code blade} answered (or the failure standing for its answer). */
  public synchronized void finish(String id, String blade, InstallReport report) {
    Job job = jobs.get(id);
    Row row = job == null ? null : job.rows.get(blade);
    if (row != null && row.report == null) {
      row.report = report;
      row.ended = System.nanoTime();
    }
  }

  /** The job as the API shows it ({@link InstallJob}), if it is still kept. */
  public synchronized Optional<InstallJob> view(String id) {
    Job job = jobs.get(id);
    if (job == null) {
      return Optional.empty();
    }
    List<InstallJob.Blade> blades = new ArrayList<>();
    boolean done = true;
    boolean ok = true;
    for (Row r : job.rows.values()) {
      long elapsed = Duration.ofNanos((r.report == null ? System.nanoTime() : r.ended) - r.started).toMillis();
      InstallReport p = r.report;
      if (p == null) {
        done = false;
        blades.add(new InstallJob.Blade(r.blade, "pending", r.envelope, elapsed, null, null, null, null, null, null, null,
            null, null));
        continue;
      }
      ok &= p.ok();
      blades.add(new InstallJob.Blade(r.blade, p.state(), r.envelope, elapsed, p.action(), p.version(), p.previous(),
          p.message(), p.failedStep(), p.steps(), p.durationMs(), p.peerlet(), p.following()));
    }
    return Optional.of(new InstallJob(job.id, job.op, job.name, job.version, job.created, done, ok && done, blades));
  }
}
