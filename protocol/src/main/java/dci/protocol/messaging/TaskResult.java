package dci.protocol.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.UUID;

/**
 * Reply of {@code POST /api/tasks}: the task's outcome once it ended.
 *
 * @param task the task's name
 * @param id this run's id
 * @param ok true when every step succeeded
 * @param steps the steps run, in order (it stops at the first that fails)
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskResult(String task, UUID id, boolean ok, List<TaskStepResult> steps) {
  public TaskResult {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }
}
