package dci.storage.backup;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A backup agent's job started and followed to its end from another feature, blocking (call
 * on a blocking-I/O executor): fail-over's copy of a failing blade, a move's backup and restore.
 */
public final class AgentJobs {
  private static final Duration ASK = Duration.ofSeconds(10);

  private AgentJobs() {}

  /** Starts a job on {@code agent} ({@code start} makes the request) and waits until it is no longer running. */
  public static JobView run(ActorSystem<?> system, ActorRef<BackupAgent.Command> agent,
      Function<ActorRef<JobView>, BackupAgent.Command> start, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JobView view = ask(system, agent, start);
    String id = view.id();
    while (view.state().equals("running")) {
      if (System.nanoTime() > deadline) {
        throw new IOException("the " + view.kind() + " job " + id + " on " + view.blade() + " took longer than "
            + timeout);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
      view = ask(system, agent, rt -> new BackupAgent.GetJob(id, rt));
    }
    return view;
  }

  /** Waits for the backup run under way on {@code agent}, if any, to end (a run started before now). */
  public static void awaitRunning(ActorSystem<?> system, ActorRef<BackupAgent.Command> agent, Duration timeout)
      throws IOException {
    BackupAgent.JobList jobs = AskPattern.ask(agent, BackupAgent.ListJobs::new, ASK, system.scheduler())
        .toCompletableFuture().join();
    for (JobView j : jobs.jobs()) {
      if (j.kind().equals("run") && j.state().equals("running")) {
        run(system, agent, rt -> new BackupAgent.GetJob(j.id(), rt), timeout);
      }
    }
  }

  private static JobView ask(ActorSystem<?> system, ActorRef<BackupAgent.Command> agent,
      Function<ActorRef<JobView>, BackupAgent.Command> request) throws IOException {
    try {
      return AskPattern.ask(agent, request::apply, ASK, system.scheduler()).toCompletableFuture()
          .get(ASK.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the backup agent does not answer: " + e.getMessage());
    }
  }
}
