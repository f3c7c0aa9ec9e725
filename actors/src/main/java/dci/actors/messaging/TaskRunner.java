package dci.actors.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
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
    boolean byRole = step.blade().startsWith("role:");
    Recipients to = byRole ? Recipients.role(step.blade().substring(5)) : Recipients.blade(step.blade());
    Envelope e = new Envelope(null, step.app(), step.instance(), null, to, null, null, null, null, null, payload);
    return AskPattern.ask(router, (ActorRef<RouteResult> r) -> new Router.Send(e, wait, r), wait.plusSeconds(10),
        system.scheduler()).thenApply(res -> {
          Outcome o = byRole ? ofRole(res, wait) : ofOne(res.replies().isEmpty() ? null : res.replies().get(0), wait);
          replies.add(o.reply());
          results.add(new TaskStepResult(index, step.blade(), step.app(), res.id(), o.error() == null, o.reply(),
              o.error()));
          return o.error() == null;
        });
  }

  /** A step's reply and why it failed (null when it did not). */
  private record Outcome(JsonNode reply, String error) {}

  private static Outcome ofOne(Envelope replied, Duration wait) {
    JsonNode reply = replied == null ? null : replied.payload();
    String error = null;
    if (reply == null) {
      error = "no reply within " + wait.toMillis() + " ms";
    } else if (Undeliverable.is(replied)) {
      error = "undeliverable: " + Undeliverable.reason(replied);
    } else if (reply.hasNonNull("error")) {
      error = reply.get("error").asText();
    } else if (reply.has("exitCode") && reply.get("exitCode").asInt() != 0) {
      error = "exit code " + reply.get("exitCode").asInt();
    }
    return new Outcome(reply, error);
  }

  /**
   * A step to a role: its reply holds each blade's reply under the blade's name; it fails on the
   * first blade (by name) whose reply failed, or when a blade of the role did not reply.
   */
  private static Outcome ofRole(RouteResult res, Duration wait) {
    if (res.targets().isEmpty()) {
      return ofOne(res.replies().isEmpty() ? null : res.replies().get(0), wait);
    }
    Map<String, Envelope> byBlade = new TreeMap<>();
    for (Envelope r : res.replies()) {
      byBlade.putIfAbsent(r.sender().blade(), r);
    }
    ObjectNode reply = JsonNodeFactory.instance.objectNode();
    String error = null;
    for (String blade : new TreeSet<>(res.targets())) {
      Outcome one = ofOne(byBlade.get(blade), wait);
      reply.set(blade, one.reply());
      if (error == null && one.error() != null) {
        error = blade + ": " + one.error();
      }
    }
    return new Outcome(reply, error);
  }
}
