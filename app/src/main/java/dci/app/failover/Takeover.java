package dci.app.failover;

import dci.storage.backup.AgentJobs;
import dci.storage.backup.BackupAgent;
import dci.storage.backup.JobProgress;
import dci.storage.backup.JobView;
import dci.storage.backup.PeerClient;
import dci.storage.backup.PeerRef;
import dci.storage.backup.RestoreRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The replacement's part of a fail-over, blocking (runs on the I/O dispatcher): under Fig. 6
 * the failing blade first backs itself up (its data is still readable); then the failed
 * blade's latest archive is restored into this blade's root, never overwriting a file the user
 * wrote here after the fail-over began.
 */
final class Takeover {
  /**
   * What it needs. {@code failingAgent} is the failed blade's backup agent under Fig. 6, else
   * null. {@code peers} is asked when the restore starts (after the copy): a blade that left
   * meanwhile is not asked for its catalog (a call to a blade shutting down waited its whole
   * timeout).
   */
  record Job(FailoverRecord record, Path target, java.util.function.Supplier<List<PeerRef>> peers, PeerClient client,
      int parallelism, ActorRef<BackupAgent.Command> failingAgent, Duration copyTimeout) {}

  private Takeover() {}

  /** Runs the job; answers a line saying what was restored. */
  static String run(ActorSystem<?> system, Job job) throws IOException {
    FailoverRecord r = job.record();
    String copied = "";
    if (job.failingAgent() != null) {
      copied = copyFromFailing(system, job) + "; ";
    }
    RestoreRun.Result result = new RestoreRun(new RestoreRun.Job(r.failed(), null, job.target(), List.of(),
        job.peers().get(), job.client(), new JobProgress(), job.parallelism(), r.started())).run();
    return copied + "restored " + result.files() + " files (" + result.bytes() + " bytes) of " + r.failed()
        + " up to archive " + result.upto() + " into " + job.target()
        + (result.problems().isEmpty() ? "" : "; problems: " + result.problems());
  }

  /** Has the failing blade back itself up now and waits for the run to finish. */
  private static String copyFromFailing(ActorSystem<?> system, Job job) throws IOException {
    JobView view;
    try {
      view = AgentJobs.run(system, job.failingAgent(), rt -> new BackupAgent.StartRun(null, rt), job.copyTimeout());
    } catch (IOException e) {
      throw new IOException("the copy from " + job.record().failed() + " failed: " + e.getMessage(), e);
    }
    if (!view.state().equals("done")) {
      throw new IOException("the copy from " + job.record().failed() + " failed: " + view.error());
    }
    return "copied " + job.record().failed() + " (" + view.filesDone() + " files read) to its peers";
  }
}
