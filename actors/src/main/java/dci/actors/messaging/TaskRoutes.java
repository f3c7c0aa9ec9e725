package dci.actors.messaging;

import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.actors.Blade;
import dci.actors.messaging.TaskRunner;
import dci.protocol.auth.Role;
import dci.protocol.envelope.EnvelopeException;
import dci.protocol.envelope.EnvelopeLimits;
import dci.protocol.task.Task;
import dci.protocol.task.TaskCodec;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code POST /api/tasks}: run a task (XML or JSON) across blades; answers when it ends. */
final class TaskRoutes extends AllDirectives {
  private final Gate api;
  private final Blade.Parts parts;
  private final TaskCodec codec;
  private final TaskRunner runner;

  TaskRoutes(Gate api, ActorSystem<?> system, Blade.Parts parts, EnvelopeLimits limits) {
    this.api = api;
    this.parts = parts;
    this.codec = new TaskCodec(limits);
    this.runner = new TaskRunner(system, parts.router());
  }

  Route routes() {
    return path("tasks", () -> post(() -> extractRequest(request ->
        api.authorizeBytes(Role.OPERATOR, (p, bytes) -> {
          Task task;
          try {
            task = codec.decode(bytes.toArray(), request.entity().getContentType().mediaType().toString());
          } catch (EnvelopeException e) {
            return complete(Responses.badRequest(e.getMessage()));
          }
          for (Task.Step s : task.steps()) {
            Role needed = parts.registry().find(s.app()).map(t -> t.leastRole()).orElse(Role.OPERATOR);
            if (!p.role().atLeast(needed)) {
              return complete(Responses.forbidden("step on '" + s.app() + "' needs " + needed.wireName()));
            }
          }
          return completeWithFuture(runner.run(task).thenApply(Responses::ok));
        }))));
  }
}
