package dci.actors.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dci.actors.router.RouteResult;
import dci.actors.router.Router;
import dci.actors.router.Undeliverable;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.messaging.TaskResult;
import dci.protocol.messaging.TaskStepResult;
import dci.protocol.task.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Runs a task's steps one after the other through the router (so every step is journaled and
 * can be replayed), feeding each step the replies of the earlier ones. Stops at the first step
 * that gets no reply, an undeliverable notice, an {@code error}, or a non-zero {@code exitCode}.
 */
public final class TaskRunner {
  static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem<?> system;
  private final ActorRef<Router.Command> router;

  public TaskRunner(ActorSystem<?> system, ActorRef<Router.Command> router) {
    this.system = system;
    this.router = router;
  }

  public CompletionStage<TaskResult> run(Task task) {
    UUID id = UUID.randomUUID();
    List<JsonNode> replies = new ArrayList<>();
    List<TaskStepResult> results = new ArrayList<>();
    CompletionStage<Boolean> chain = CompletableFuture.completedFuture(true);
    for (int i = 0; i < task.steps().size(); i++) {
      int index = i + 1;
      Task.Step step = task.steps().get(i);
      chain = chain.thenCompose(goOn -> goOn ? runStep(index, step, replies, results) : CompletableFuture.completedFuture(false));
    }
    return chain.thenApply(ok -> new TaskResult(task.name(), id, ok && results.size() == task.steps().size(),
        List.copyOf(results)));
  }

  private CompletionStage<Boolean> runStep(int index, Task.Step step, List<JsonNode> replies, List<TaskStepResult> results) {
    JsonNode payload;
    try {
      payload = Placeholders.fill(step.payload(), replies);
    } catch (IllegalArgumentException e) {
      results.add(new TaskStepResult(index, step.blade(), step.app(), null, false, null, e.getMessage()));
      return CompletableFuture.completedFuture(false);
    }
    Duration wait = step.timeoutMs() == null ? DEFAULT_STEP_TIMEOUT : Duration.ofMillis(step.timeoutMs());
    Envelope e = new Envelope(null, step.app(), step.instance(), null, Recipients.blade(step.blade()), null, null,
        null, null, null, payload);
    return AskPattern.ask(router, (ActorRef<RouteResult> r) -> new Router.Send(e, wait, r), wait.plusSeconds(10),
        system.scheduler()).thenApply(res -> {
          String error = null;
          JsonNode reply = res.replies().isEmpty() ? null : res.replies().get(0).payload();
          if (reply == null) {
            error = "no reply within " + wait.toMillis() + " ms";
          } else if (Undeliverable.is(res.replies().get(0))) {
            error = "undeliverable: " + Undeliverable.reason(res.replies().get(0));
          } else if (reply.hasNonNull("error")) {
            error = reply.get("error").asText();
          } else if (reply.has("exitCode") && reply.get("exitCode").asInt() != 0) {
            error = "exit code " + reply.get("exitCode").asInt();
          }
          replies.add(reply);
          results.add(new TaskStepResult(index, step.blade(), step.app(), res.id(), error == null, reply, error));
          return error == null;
        });
  }
}
