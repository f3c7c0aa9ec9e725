package dci.app.moves;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/** A coordinator's calls to the move managers of other blades, blocking (on the I/O executor). */
final class MoveCalls {
  private final ActorSystem<?> system;
  private final Duration find;

  /** {@code find}: how long a blade's move manager is looked for (a blade just restarted learns the others' late). */
  MoveCalls(ActorSystem<?> system, Duration find) {
    this.system = system;
    this.find = find;
  }

  /** Has {@code blade} do {@code job}; answers what it did, throws with why it failed. */
  String work(String blade, Moves.Job job, String id, String user, String source, String rel, Duration timeout)
      throws IOException {
    return work(blade, job, id, user, source, rel, null, timeout);
  }

  /** As above, a copy (backup, restore or stream) at most {@code bytesPerSecond} (null: no cap). */
  String work(String blade, Moves.Job job, String id, String user, String source, String rel, Long bytesPerSecond,
      Duration timeout) throws IOException {
    ActorRef<Moves.Command> agent = agentOf(blade);
    Moves.Done done = get(AskPattern.<Moves.Command, Moves.Done>ask(agent,
        rt -> new Moves.Work(job, id, user, source, rel, bytesPerSecond, rt), timeout, system.scheduler())
        .toCompletableFuture(),
        timeout.plusSeconds(5), blade);
    if (done.error() != null) {
      throw new IOException(done.error());
    }
    return done.detail();
  }

  /** The move manager of {@code blade}, looked for again every half second until the find time is over. */
  ActorRef<Moves.Command> agentOf(String blade) throws IOException {
    long deadline = System.nanoTime() + find.toNanos();
    while (true) {
      Receptionist.Listing l = get(AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
          rt -> Receptionist.find(Moves.keyOf(blade), rt), Duration.ofSeconds(3), system.scheduler())
          .toCompletableFuture(), Duration.ofSeconds(5), blade);
      Set<ActorRef<Moves.Command>> all = l.getServiceInstances(Moves.keyOf(blade));
      if (!all.isEmpty()) {
        return all.iterator().next();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IOException("the move manager of " + blade + " cannot be reached");
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
    }
  }

  private static <T> T get(java.util.concurrent.CompletableFuture<T> f, Duration timeout, String blade)
      throws IOException {
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(blade + " did not answer: " + (e.getCause() != null ? e.getCause().getMessage() : e));
    }
  }
}
